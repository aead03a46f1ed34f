import { PassThrough } from 'node:stream';
import { departmentName, divisionFullName, fenToYuanString } from '@shanyu/common';
import { APPROVAL_STAGE_LABELS, LINE_REASON_LABELS, type RunLinePage, type RunView, SubsidyRpc } from '@shanyu/contracts';
import type { RpcCallOptions, RpcClient } from '@shanyu/messaging';
import ExcelJS from 'exceljs';

const STATUS_LABELS: Record<string, string> = {
  computing: '计算中',
  computed: '待审核',
  returned: '已退回',
  posted: '已入账',
  payable: '应发',
  ineligible: '不予补助',
  held: '暂缓发放',
};
const KIND_LABELS: Record<string, string> = { regular: '本期', adjustment: '调整' };
const PAGE = 2_000;

/**
 * The run as an .xlsx workbook for finance, streamed while it is written (a province's run has
 * millions of lines): 汇总 (the run, its totals, budgets and approvals), 机构汇总 (one row per
 * institution) and 明细 (every line with its explanation). Amounts are integer fen, with yuan
 * beside them as text — no floating point anywhere.
 */
export function streamRunWorkbook(rpc: RpcClient, run: RunView, call: RpcCallOptions): PassThrough {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  void (async () => {
    const summary = workbook.addWorksheet('汇总');
    summary.columns = [
      { header: '项目', key: 'k', width: 24 },
      { header: '内容', key: 'v', width: 60 },
    ];
    const t = run.totals;
    const rows: [string, string | number][] = [
      ['批次', run.id],
      ['月份', run.month],
      ['区划', placeName(run.divisionCode)],
      ['状态', STATUS_LABELS[run.status] ?? run.status],
      ['待审核环节', run.stage ? APPROVAL_STAGE_LABELS[run.stage] : '—'],
      ['计算次数', run.attempt],
      ['应发合计（分）', t?.payableFen ?? 0],
      ['应发合计（元）', fenToYuanString(t?.payableFen ?? 0)],
      ['其中调整（分）', t?.adjustmentFen ?? 0],
      ['暂缓发放（分）', t?.heldFen ?? 0],
      ['预算控制减发（分）', t?.cappedAwayFen ?? 0],
      ['明细行数', t?.lines ?? 0],
      ['机构数', t?.institutions ?? 0],
      ['儿童数', t?.children ?? 0],
    ];
    for (const b of run.budgets)
      rows.push([
        `年度预算 ${b.policyVersion} ${b.year}`,
        `预算 ${fenToYuanString(b.annualCapFen)} 元，此前已用 ${fenToYuanString(b.committedBeforeFen)} 元，本期应发 ${fenToYuanString(b.requestedFen)} 元，实发 ${fenToYuanString(b.grantedFen)} 元`,
      ]);
    for (const a of run.approvals)
      rows.push([
        `审核 第 ${a.round} 轮 ${APPROVAL_STAGE_LABELS[a.stage]}`,
        `${a.decision === 'approve' ? '通过' : '退回'} ${departmentName(a.department)}（账号 ${a.userId}）${a.at}${a.reason ? ` 理由：${a.reason}` : ''}`,
      ]);
    for (const [k, v] of rows) summary.addRow({ k, v }).commit();
    await summary.commit();

    const totals = workbook.addWorksheet('机构汇总');
    totals.columns = [
      { header: '机构ID', key: 'id', width: 38 },
      { header: '机构名称', key: 'name', width: 30 },
      { header: '所在街道', key: 'division', width: 30 },
      { header: '明细行数', key: 'lines', width: 10 },
      { header: '儿童数', key: 'children', width: 8 },
      { header: '应发金额（分）', key: 'fen', width: 16 },
      { header: '应发金额（元）', key: 'yuan', width: 16 },
      { header: '其中调整（分）', key: 'adj', width: 16 },
      { header: '暂缓行数', key: 'held', width: 10 },
      { header: '不予补助行数', key: 'ineligible', width: 12 },
    ];
    for (let page = 1; ; page++) {
      const res = await rpc.call(SubsidyRpc.runTotals, { id: run.id, page, pageSize: PAGE }, call);
      for (const i of res.items) {
        totals
          .addRow({
            id: i.institutionId,
            name: i.institutionName,
            division: placeName(i.divisionCode),
            lines: i.lines,
            children: i.children,
            fen: i.payableFen,
            yuan: fenToYuanString(i.payableFen),
            adj: i.adjustmentFen,
            held: i.heldLines,
            ineligible: i.ineligibleLines,
          })
          .commit();
      }
      if (res.items.length < PAGE) break;
    }
    await totals.commit();

    const lines = workbook.addWorksheet('明细');
    lines.columns = [
      { header: '明细ID', key: 'id', width: 38 },
      { header: '类型', key: 'kind', width: 6 },
      { header: '所属月份', key: 'period', width: 9 },
      { header: '机构ID', key: 'inst', width: 38 },
      { header: '机构名称', key: 'name', width: 24 },
      { header: '所在街道', key: 'division', width: 30 },
      { header: '儿童标识', key: 'child', width: 18 },
      { header: '名册行', key: 'row', width: 7 },
      { header: '政策版本', key: 'policy', width: 34 },
      { header: '规则', key: 'rule', width: 22 },
      { header: '状态', key: 'status', width: 9 },
      { header: '计算金额（分）', key: 'base', width: 14 },
      { header: '应发金额（分）', key: 'fen', width: 14 },
      { header: '应发金额（元）', key: 'yuan', width: 14 },
      { header: '原因', key: 'reason', width: 22 },
      { header: '说明', key: 'explanation', width: 100 },
      { header: '依据', key: 'source', width: 60 },
      { header: '更正的原明细', key: 'adjusts', width: 38 },
    ];
    let after: string | null | undefined;
    do {
      const res: RunLinePage = await rpc.call(SubsidyRpc.runLines, { id: run.id, pageSize: PAGE, ...(after ? { after } : {}) }, call);
      for (const l of res.items) {
        lines
          .addRow({
            id: l.id,
            kind: KIND_LABELS[l.kind] ?? l.kind,
            period: l.period,
            inst: l.institutionId,
            name: l.institutionName,
            division: placeName(l.divisionCode),
            child: l.childKey ? l.childKey.slice(0, 16) : '',
            row: l.rosterLineNo ?? '',
            policy: l.policyVersion,
            rule: `${l.ruleId} ${l.ruleTitle}`,
            status: STATUS_LABELS[l.status] ?? l.status,
            base: l.baseFen,
            fen: l.amountFen,
            yuan: fenToYuanString(l.amountFen),
            reason: l.reasonCode ? (LINE_REASON_LABELS[l.reasonCode] ?? l.reasonCode) : '',
            explanation: l.explanation,
            source: l.ruleSource,
            adjusts: l.adjustsLineId ?? '',
          })
          .commit();
      }
      after = res.nextCursor;
    } while (after);
    await lines.commit();
    await workbook.commit();
  })().catch((e: unknown) => stream.destroy(e as Error));
  return stream;
}

/** 浙江省杭州市西湖区三墩镇（330106109）: the name people read, the code beside it for finance systems. */
function placeName(code: string): string {
  const name = divisionFullName(code);
  return name ? `${name}（${code}）` : code;
}
