#!/usr/bin/env bash
# 善育 Shanyu — a department system with plain curl (market regulation, 市场监管):
#   1. exchange its client credentials for a token (OAuth 2.0 client credentials grant);
#   2. register an institution (登记);
#   3. read a joint inspection's results (联合检查结果) and its findings.
#
# Needs bash, curl and jq. Credentials come from an admin:
#   npm run admin -- api-client create --name "西湖区市场监管 业务系统" --department market --divisions 330106 \
#     --scope "POST /api/v1/institutions" --scope "GET /api/v1/inspections/{id}" --scope "GET /api/v1/inspections/{id}/form"
#
#   SHANYU_URL=http://127.0.0.1:3000 SHANYU_CLIENT_ID=market-330106-… SHANYU_CLIENT_SECRET=shs_… \
#   INSPECTION_ID=<uuid> bash docs/integration/curl-example.sh
#
# Exit status 0 when every call succeeded; otherwise 1 after printing the platform's error
# (`code` is a stable English identifier, `message` Chinese, `details` names each bad field).
set -euo pipefail

SHANYU_URL="${SHANYU_URL:-http://127.0.0.1:3000}"
: "${SHANYU_CLIENT_ID:?请设置 SHANYU_CLIENT_ID / set SHANYU_CLIENT_ID (npm run admin -- api-client create …)}"
: "${SHANYU_CLIENT_SECRET:?请设置 SHANYU_CLIENT_SECRET / set SHANYU_CLIENT_SECRET}"
INSTITUTION_FILE="${INSTITUTION_FILE:-$(dirname "$0")/institution.example.json}"
# Your own trace id: it comes back as x-request-id and is in the platform's logs and audit log.
REQUEST_ID="${REQUEST_ID:-curl-example-$(date +%s)-$$}"

# call METHOD PATH [curl options…]: prints the JSON body; on HTTP >= 400 prints the error and exits 1.
call() {
  local method=$1 path=$2 out status body
  shift 2
  out=$(curl -sS -X "$method" "$SHANYU_URL$path" -H "authorization: Bearer $TOKEN" -H "x-request-id: $REQUEST_ID" -w '\n%{http_code}' "$@")
  status=${out##*$'\n'}
  body=${out%$'\n'*}
  if [ "$status" -ge 400 ]; then
    echo "失败 Failed: $method $path → HTTP $status $(jq -r '"\(.code): \(.message)"' <<<"$body" 2>/dev/null || echo "$body")" >&2
    jq -r '.details[]? | "  - \(.field): \(.message)"' <<<"$body" >&2 2>/dev/null || true
    exit 1
  fi
  printf '%s' "$body"
}

# 1. Token: HTTP Basic client authentication and a form body (RFC 6749 §2.3.1, §4.4).
#    The JSON form works too: {"grant_type":"client_credentials","client_id":…,"client_secret":…}.
TOKEN_REPLY=$(curl -sS -u "$SHANYU_CLIENT_ID:$SHANYU_CLIENT_SECRET" -d grant_type=client_credentials \
  -w '\n%{http_code}' "$SHANYU_URL/api/v1/auth/token")
if [ "${TOKEN_REPLY##*$'\n'}" != 200 ]; then
  echo "失败 Failed: token → HTTP ${TOKEN_REPLY##*$'\n'} ${TOKEN_REPLY%$'\n'*}" >&2
  exit 1
fi
TOKEN=$(jq -r .access_token <<<"${TOKEN_REPLY%$'\n'*}")
echo "令牌 token: ok, $(jq -r .expires_in <<<"${TOKEN_REPLY%$'\n'*}") s"

# 2. Register an institution (the body: docs/integration/institution.example.json; money in fen, areas in m²).
INSTITUTION=$(call POST /api/v1/institutions -H 'content-type: application/json' --data-binary "@$INSTITUTION_FILE")
jq -r '"已登记 registered: \(.id) \(.name) USCC \(.uscc) status \(.status)"' <<<"$INSTITUTION"

# 3. An inspection's results: the summary, every finding with its deadline, and each item not passed.
if [ -z "${INSPECTION_ID:-}" ]; then
  echo "未设置 INSPECTION_ID，跳过检查结果 / set INSPECTION_ID to read an inspection's results"
  exit 0
fi
INSPECTION=$(call GET "/api/v1/inspections/$INSPECTION_ID")
jq -r '"检查 inspection \(.id): \(.institutionName) \(.status) — \(.summary.items) items: \(.summary.pass) pass, \(.summary.fail) fail, \(.summary.notApplicable) n/a, \(.summary.pending) pending"' <<<"$INSPECTION"
jq -r '.findings[] | "  问题 finding \(.itemCode) \(.severity) deadline \(.deadline) \(.status): \(.note // "")"' <<<"$INSPECTION"
FORM=$(call GET "/api/v1/inspections/$INSPECTION_ID/form")
jq -r '.areas[].items[] | select(.result != null and .result.result != "pass") | "  结果 result \(.code) \(.result.result) (\(.department)) \(.text) — \(.result.note // "")"' <<<"$FORM"
