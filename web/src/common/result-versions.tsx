// The values inspectors recorded for one item, side by side (the record's and those waiting for a
// decision), with their photos; a person who may decide picks one and gives the reason.
import { CameraOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Radio, Space, Tag } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { api, errorMessage, getToken } from '../api/client';
import type { Evidence, InspectionForm, ResultVersion } from '../api/types';
import { ITEM_RESULT_LABELS, RESULT_VERSION_STATUS_LABELS, label, shanghaiMinute } from './labels';

export const versionsPath = (inspectionId: string, itemCode: string) => `/api/v1/inspections/${inspectionId}/results/${encodeURIComponent(itemCode)}/versions`;

/** A photo of the platform's evidence store (the request needs the token, so not a plain <img src>). */
export function EvidencePhoto({ evidence }: { evidence: Evidence }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    const ctrl = new AbortController();
    const token = getToken();
    fetch(`/api/v1/evidence/${encodeURIComponent(evidence.ref)}/file`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: ctrl.signal })
      .then(async (res) => {
        if (!res.ok) return;
        objectUrl = URL.createObjectURL(await res.blob());
        setUrl(objectUrl);
      })
      .catch(() => undefined);
    return () => {
      ctrl.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [evidence.ref]);
  return (
    <figure style={{ margin: 0, width: 92 }} data-testid="evidence-photo">
      {url ? (
        <img
          src={url}
          alt={`取证照片：${evidence.location}`}
          style={{ width: 92, height: 92, objectFit: 'cover', borderRadius: 6, border: '1px solid #ddd' }}
        />
      ) : (
        <Tag icon={<CameraOutlined />}>照片</Tag>
      )}
      <figcaption style={{ fontSize: 11, color: '#555' }}>
        {evidence.location} {shanghaiMinute(evidence.takenAt)}
      </figcaption>
    </figure>
  );
}

export function VersionCard({ v, extra }: { v: ResultVersion; extra?: ReactNode }) {
  return (
    <Card
      size="small"
      style={{ flex: '1 1 150px', minWidth: 150 }}
      data-testid="result-version"
      data-status={v.status}
      data-result={v.result}
      title={
        <Space size={4} wrap>
          <Tag color={v.result === 'fail' ? 'red' : v.result === 'pass' ? 'green' : undefined}>{label(ITEM_RESULT_LABELS, v.result)}</Tag>
          <Tag>{label(RESULT_VERSION_STATUS_LABELS, v.status)}</Tag>
        </Space>
      }
    >
      <div style={{ fontSize: 13 }}>{v.note ? `说明：${v.note}` : '无说明'}</div>
      <div style={{ fontSize: 12, color: '#555', marginTop: 4 }}>
        {v.inspectorName ?? '检查人员'} · 记录于 {shanghaiMinute(v.recordedAt)}
      </div>
      <div style={{ fontSize: 12, color: '#888' }}>送达 {shanghaiMinute(v.receivedAt)}</div>
      {v.decision ? (
        <div style={{ fontSize: 12, color: '#555' }}>
          处理：{v.decision.reason}（{shanghaiMinute(v.decision.at)}）
        </div>
      ) : null}
      {v.evidence.length ? (
        <Space wrap style={{ marginTop: 6 }}>
          {v.evidence.map((e) => (
            <EvidencePhoto key={e.ref} evidence={e} />
          ))}
        </Space>
      ) : null}
      {extra}
    </Card>
  );
}

/**
 * An item in conflict: the record's value and each conflicting one. With `canResolve`, the person
 * chooses the value the record keeps and says why (POST …/resolution); the reply is the form.
 */
export function ConflictCompare({
  inspectionId,
  itemCode,
  canResolve,
  onResolved,
}: {
  inspectionId: string;
  itemCode: string;
  canResolve: boolean;
  onResolved?: (form: InspectionForm) => void;
}) {
  const { message } = App.useApp();
  const [versions, setVersions] = useState<ResultVersion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api<ResultVersion[]>(versionsPath(inspectionId, itemCode)).then(setVersions, (e: unknown) => setError(errorMessage(e)));
  }, [inspectionId, itemCode]);
  if (error) return <Alert type="error" showIcon title="无法读取各方记录" description={error} />;
  if (!versions) return null;
  const open = versions.filter((v) => v.status === 'current' || v.status === 'conflict');

  async function resolve() {
    setBusy(true);
    try {
      const form = await api<InspectionForm>(`/api/v1/inspections/${inspectionId}/results/${encodeURIComponent(itemCode)}/resolution`, {
        method: 'POST',
        body: { versionId: chosen, reason: reason.trim() },
      });
      void message.success('冲突已处理');
      onResolved?.(form);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid={`conflict-${itemCode}`} style={{ marginTop: 8 }}>
      <Radio.Group value={chosen} onChange={(e) => setChosen(e.target.value as string)} disabled={!canResolve} style={{ display: 'block' }}>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          {open.map((v) => (
            <VersionCard
              key={v.id}
              v={v}
              extra={
                canResolve ? (
                  <Radio value={v.id} style={{ marginTop: 6 }} aria-label={`采用${v.inspectorName ?? ''}的记录：${label(ITEM_RESULT_LABELS, v.result)}`}>
                    采用此结果
                  </Radio>
                ) : null
              }
            />
          ))}
        </div>
      </Radio.Group>
      {canResolve ? (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Input
            aria-label={`${itemCode} 处理理由`}
            placeholder="处理理由（必填）"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={1000}
          />
          <Button type="primary" loading={busy} disabled={!chosen || reason.trim().length < 2} onClick={() => void resolve()}>
            确认处理
          </Button>
        </Space.Compact>
      ) : null}
    </div>
  );
}
