import { Alert, App, Button, Card, Checkbox, Descriptions, Empty, Form, Input, Modal, Radio, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import type { ListingStatus, ListingView, Page } from '../api/types';
import { useSession } from '../auth/session';
import { DEPARTMENT_LABELS, LISTING_STATUS_LABELS, dateTime, label, shanghaiDate, shanghaiToday } from '../common/labels';
import { divisionName } from '../common/divisions';
import { DataTable, LoadError, Loading, showApiError, useLoad } from '../common/ui';

const STATUS_COLOR: Record<string, string> = { notified: 'orange', listed: 'red', not_listed: 'green', removed: 'blue', expired: 'default' };

/** A ledger entry as the drawer has it (CreditView.entries). */
export interface ListingGroundCandidate {
  entryId: string;
  eventType: string;
  occurredOn: string;
  title: string;
  source: string;
  dTriggerActive: boolean;
  repairedBy: string | null;
}

export function ListingStatusTag({ status }: { status: string }) {
  return <Tag color={STATUS_COLOR[status]}>{label(LISTING_STATUS_LABELS, status)}</Tag>;
}

const publicationPeriod = (l: ListingView) => (l.publication ? `${l.publication.from} 至 ${l.publication.until}` : '—');

const LISTINGS_PAGE = 20;

/**
 * 严重失信主体名单 (officials: the procedures in their divisions) or 失信认定告知 (operators: their own
 * institutions'), newest first, a page at a time; a click opens the institution's credit.
 */
export function ListingsTable({ onOpen, refresh }: { onOpen: (institutionId: string) => void; refresh?: number }) {
  const operator = useSession()?.department === 'operator';
  const [status, setStatus] = useState<ListingStatus | 'all'>('all');
  const [page, setPage] = useState(1);
  const { data, error, loading } = useLoad(
    (signal) =>
      api<Page<ListingView>>('/api/v1/credit/listings', {
        query: { status: status === 'all' ? undefined : status, page, pageSize: LISTINGS_PAGE },
        signal,
      }),
    [status, page, refresh],
  );
  return (
    <>
      <Segmented
        style={{ marginBottom: 12, marginLeft: 12 }}
        value={status}
        onChange={(v) => {
          setStatus(v as typeof status);
          setPage(1);
        }}
        options={[{ value: 'all', label: '全部' }, ...Object.entries(LISTING_STATUS_LABELS).map(([value, l]) => ({ value, label: l }))]}
      />
      {error ? (
        <LoadError error={error} />
      ) : (
        <DataTable<ListingView>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={{ current: page, pageSize: LISTINGS_PAGE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          exportName={operator ? '失信认定告知' : '严重失信主体名单认定'}
          onRow={(r) => ({ onClick: () => onOpen(r.institutionId), style: { cursor: 'pointer' } })}
          exportColumns={[
            { title: '机构', value: (r) => r.institutionName ?? r.institutionId },
            { title: '地区', value: (r) => divisionName(r.divisionCode) },
            { title: '状态', value: (r) => label(LISTING_STATUS_LABELS, r.status) },
            { title: '告知日期', value: (r) => shanghaiDate(r.notice.notifiedAt) },
            { title: '陈述申辩截止', value: (r) => r.notice.statementDue },
            { title: '决定书文号', value: (r) => r.decision?.decisionNo ?? '' },
            { title: '公示期', value: (r) => (r.publication ? publicationPeriod(r) : '') },
            { title: '可申请修复日期', value: (r) => r.publication?.repairableFrom ?? '' },
            { title: '认定事实', value: (r) => r.facts },
          ]}
          columns={[
            { title: '机构', key: 'institution', render: (_: unknown, r) => r.institutionName ?? r.institutionId },
            { title: '地区', dataIndex: 'divisionCode', render: (v: string) => divisionName(v) },
            { title: '状态', dataIndex: 'status', render: (v: string) => <ListingStatusTag status={v} /> },
            { title: '告知日期', key: 'notified', render: (_: unknown, r) => shanghaiDate(r.notice.notifiedAt) },
            { title: '陈述申辩截止', key: 'due', render: (_: unknown, r) => r.notice.statementDue },
            { title: '决定书文号', key: 'decisionNo', render: (_: unknown, r) => r.decision?.decisionNo ?? '—' },
            { title: '公示期', key: 'publication', render: (_: unknown, r) => publicationPeriod(r) },
            { title: '可申请修复日期', key: 'repairable', render: (_: unknown, r) => r.publication?.repairableFrom ?? '—' },
          ]}
        />
      )}
    </>
  );
}

/**
 * The card 严重失信主体名单认定 of an institution's credit: its listings with notice, statement, decision
 * and publication; health starts one (告知) from grounding entries and decides; the operator states its case.
 */
export function InstitutionListings({
  institutionId,
  entries,
  groundedBy,
}: {
  institutionId: string;
  entries: ListingGroundCandidate[];
  /** The event types the model in force lets ground a listing (CreditView.listingProcedure). */
  groundedBy: string[];
}) {
  const department = useSession()?.department;
  const { data, error, loading, reload } = useLoad(
    (signal) => api<Page<ListingView>>('/api/v1/credit/listings', { query: { institutionId, pageSize: 50 }, signal }),
    [institutionId],
  );
  const listings = data?.items ?? [];
  // Entries already named by a procedure under way or in publication cannot ground another one.
  const named = new Set(listings.filter((l) => l.status === 'notified' || l.status === 'listed').flatMap((l) => l.entryIds));
  const candidates = entries.filter((e) => groundedBy.includes(e.eventType) && e.dTriggerActive && !e.repairedBy && !named.has(e.entryId));
  return (
    <Card
      size="small"
      title="严重失信主体名单认定"
      style={{ marginTop: 16 }}
      data-testid="credit-listings"
      extra={department === 'health' ? <StartListingButton institutionId={institutionId} candidates={candidates} onDone={reload} /> : null}
    >
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <LoadError error={error} />
      ) : listings.length ? (
        <Space orientation="vertical" style={{ width: '100%' }} size={12}>
          {listings.map((l) => (
            <ListingDetail key={l.id} listing={l} department={department} onChanged={reload} />
          ))}
        </Space>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无认定记录：信用等级是监管分类，严重失信须经告知、陈述申辩后作出认定决定" />
      )}
    </Card>
  );
}

function ListingDetail({ listing: l, department, onChanged }: { listing: ListingView; department: string | undefined; onChanged: () => void }) {
  const canState = department === 'operator' && l.status === 'notified' && !l.statement && shanghaiToday() <= l.notice.statementDue;
  const canDecide = department === 'health' && l.status === 'notified';
  return (
    <div data-testid={`listing-${l.id}`}>
      <Descriptions column={1} size="small" bordered styles={{ label: { whiteSpace: 'nowrap', width: 120 } }}>
        <Descriptions.Item label="状态">
          <Space wrap>
            <ListingStatusTag status={l.status} />
            {canState ? <StatementButton listing={l} onDone={onChanged} /> : null}
            {canDecide ? <DecideListingButton listing={l} onDone={onChanged} /> : null}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="告知">
          {label(DEPARTMENT_LABELS, l.notice.notifiedBy.department)} {dateTime(l.notice.notifiedAt)}；陈述申辩截止 {l.notice.statementDue}
        </Descriptions.Item>
        <Descriptions.Item label="告知书">
          <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{l.notice.text}</Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label="陈述申辩">
          {l.statement ? (
            <>
              <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{l.statement.text}</Typography.Paragraph>
              <Typography.Text type="secondary">{dateTime(l.statement.statedAt)} 提出</Typography.Text>
            </>
          ) : l.status === 'notified' && shanghaiToday() <= l.notice.statementDue ? (
            `尚未提出（${l.notice.statementDue} 前可提出）`
          ) : (
            '未提出'
          )}
        </Descriptions.Item>
        {l.decision ? (
          <Descriptions.Item label="认定决定">
            {l.decision.decision === 'list' ? '列入严重失信主体名单' : '不予列入'}
            {l.decision.decisionNo ? `（${l.decision.decisionNo}）` : ''}，{l.decision.decidedOn}；理由：{l.decision.reason}
          </Descriptions.Item>
        ) : null}
        {l.publication ? (
          <>
            <Descriptions.Item label="公示期">{publicationPeriod(l)}</Descriptions.Item>
            <Descriptions.Item label="可申请信用修复">{l.publication.repairableFrom} 起</Descriptions.Item>
          </>
        ) : null}
        {l.removal ? (
          <Descriptions.Item label="移出">
            {l.removal.on}：{l.removal.reason}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </div>
  );
}

/** 启动认定（告知）: the health bureau ticks the grounding entries and writes the facts the notice states. */
function StartListingButton({ institutionId, candidates, onDone }: { institutionId: string; candidates: ListingGroundCandidate[]; onDone: () => void }) {
  const { form, show, refusal, modalProps } = useFormDialog<{ entryIds: string[]; facts: string }>(async (v) => {
    const l = await api<ListingView>(`/api/v1/credit/institutions/${institutionId}/listings`, { method: 'POST', body: v });
    return `已告知，陈述申辩截止 ${l.notice.statementDue}`;
  }, onDone);

  const button = (
    <Button danger disabled={!candidates.length} onClick={() => show({ entryIds: candidates.map((c) => c.entryId) })}>
      启动认定（告知）
    </Button>
  );
  return (
    <>
      {candidates.length ? button : <Tooltip title="无可作为认定依据且直接判 D 仍有效的信用记录（责令停产停业、吊销许可、聘用从业禁止人员）">{button}</Tooltip>}
      <Modal {...modalProps} title="严重失信主体名单认定 — 告知" okText="发出告知">
        <Typography.Paragraph type="secondary">
          告知书写明认定事实、依据、陈述申辩的权利和期限；期满（或机构陈述申辩）后方可作出认定决定，决定前不公示。
        </Typography.Paragraph>
        {refusal ? <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} data-testid="listing-start-refusal" /> : null}
        <Form form={form} layout="vertical">
          <Form.Item label="认定依据（信用记录）" name="entryIds" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一条信用记录' }]}>
            <Checkbox.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
              options={candidates.map((c) => ({ value: c.entryId, label: `${c.occurredOn} ${c.title}（${c.source}）` }))}
            />
          </Form.Item>
          <Form.Item label="认定事实" name="facts" rules={[{ required: true, min: 10, message: '请写明认定事实（至少 10 个字）' }]}>
            <Input.TextArea rows={4} maxLength={4000} placeholder="如：2026年8月29日核查发现，该机构聘用了被列入从业禁止名单的人员担任保育人员" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 作出决定: list (with the decision number) or not list, with the reasons; the server's refusal shows in the dialog. */
function DecideListingButton({ listing, onDone }: { listing: ListingView; onDone: () => void }) {
  const { form, show, refusal, modalProps } = useFormDialog<{ decision: 'list' | 'not_list'; decisionNo?: string; reason: string }>(async (v) => {
    const body = v.decision === 'list' ? v : { decision: v.decision, reason: v.reason };
    const l = await api<ListingView>(`/api/v1/credit/listings/${listing.id}/decision`, { method: 'POST', body });
    return l.status === 'listed' ? `已列入严重失信主体名单，公示期 ${publicationPeriod(l)}` : '已决定不予列入';
  }, onDone);
  const decision = Form.useWatch('decision', form);

  return (
    <>
      <Button size="small" type="primary" onClick={() => show()}>
        作出决定
      </Button>
      <Modal {...modalProps} title="严重失信主体名单认定决定" okText="确定">
        <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
          <Descriptions.Item label="认定事实">{listing.facts}</Descriptions.Item>
          <Descriptions.Item label="陈述申辩">
            {listing.statement ? listing.statement.text : `机构未陈述申辩（期限至 ${listing.notice.statementDue}）`}
          </Descriptions.Item>
        </Descriptions>
        {refusal ? <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} data-testid="listing-decision-refusal" /> : null}
        <Form form={form} layout="vertical" initialValues={{ decision: 'list' }}>
          <Form.Item label="决定" name="decision" rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'list', label: '列入严重失信主体名单（自今日起公示）' },
                { value: 'not_list', label: '不予列入' },
              ]}
            />
          </Form.Item>
          {decision !== 'not_list' ? (
            <Form.Item label="决定书文号" name="decisionNo" rules={[{ required: true, min: 2, message: '列入须写明认定决定书文号' }]}>
              <Input maxLength={100} placeholder="如：西卫健信〔2026〕1号" />
            </Form.Item>
          ) : null}
          <Form.Item label="理由" name="reason" rules={[{ required: true, min: 4, message: '请写明理由（至少 4 个字），有陈述申辩的应予回应' }]}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 陈述申辩: the operator answers the notice, once, by the last day it gives. */
function StatementButton({ listing, onDone }: { listing: ListingView; onDone: () => void }) {
  const { form, show, refusal, modalProps } = useFormDialog<{ statement: string }>(async (v) => {
    await api<ListingView>(`/api/v1/credit/listings/${listing.id}/statement`, { method: 'POST', body: v });
    return '陈述申辩已提交，卫生健康部门将在作出决定时回应';
  }, onDone);

  return (
    <>
      <Button size="small" type="primary" onClick={() => show()}>
        陈述申辩
      </Button>
      <Modal {...modalProps} title="陈述申辩" okText="提交">
        <Typography.Paragraph type="secondary">只能提出一次，截止 {listing.notice.statementDue}（含）。</Typography.Paragraph>
        {refusal ? <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical">
          <Form.Item label="陈述申辩意见" name="statement" rules={[{ required: true, min: 4, message: '请写明陈述申辩意见（至少 4 个字）' }]}>
            <Input.TextArea rows={5} maxLength={4000} placeholder="对认定事实、依据的意见，及已采取的纠正措施" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/**
 * One dialog's state: open, sending, the server's refusal shown inside it (field errors under their
 * field), and the submit that sends the form with `send` (its answer is the success message).
 */
function useFormDialog<T extends object>(send: (values: T) => Promise<string>, onDone: () => void) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<T>();
  const show = (values?: Partial<T>) => {
    form.resetFields();
    if (values) form.setFieldsValue(values as Parameters<typeof form.setFieldsValue>[0]);
    setRefusal(null);
    setOpen(true);
  };
  async function submit() {
    const values = await form.validateFields();
    setBusy(true);
    setRefusal(null);
    try {
      void message.success(await send(values));
      setOpen(false);
      onDone();
    } catch (e) {
      setRefusal(showApiError(form, e));
    } finally {
      setBusy(false);
    }
  }
  const modalProps = { open, confirmLoading: busy, cancelText: '取消', onCancel: () => setOpen(false), onOk: () => void submit(), destroyOnHidden: true };
  return { form, show, refusal, modalProps };
}
