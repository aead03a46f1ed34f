import { Alert, Button, Card, Col, Collapse, Descriptions, Empty, Form, Input, Result, Row, Select, Space, Statistic, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, errorMessage } from '../api/client';
import { useCapabilities } from '../api/capabilities';
import type { InstitutionPlanDraw, Page, PublicCreditView, PublicInspection, PublicInstitution, SeriousBreach } from '../api/types';
import {
  CARE_FORM_LABELS,
  COMPLAINT_CATEGORY_LABELS,
  DEPARTMENT_LABELS,
  INSPECTION_KIND_LABELS,
  ITEM_RESULT_LABELS,
  OPERATOR_TYPE_LABELS,
  dateTime,
  label,
  yuan,
} from '../common/labels';
import { divisionName, divisionPath } from '../common/divisions';
import { DataTable, LoadError, Loading, NO_DATA, useLoad } from '../common/ui';

export function InstitutionPage() {
  const { id = '' } = useParams();
  const has = useCapabilities();
  const { data, error, loading } = useLoad((signal) => api<PublicInstitution>(`/api/v1/public/institutions/${id}`, { signal }), [id]);
  const hasCredit = !!has?.('GET /api/v1/public/credit/institutions/{id}');
  const credit = useLoad(
    (signal) => (hasCredit ? api<PublicCreditView>(`/api/v1/public/credit/institutions/${id}`, { signal }) : Promise.resolve(null)),
    [id, hasCredit],
  );
  if (loading) return <Loading />;
  if (error || !data) return <LoadError error={error} />;
  return (
    <article aria-labelledby="inst-name">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Link to="/public">← 返回名录</Link>
        <Link to={`/public/institutions/${id}/door-code`}>门牌码（扫码查看，可打印）</Link>
      </Space>
      <Typography.Title level={2} id="inst-name" style={{ marginTop: 8 }}>
        {data.name}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Tag color="blue" data-testid="filing-status">
          已备案
        </Tag>
        {data.inclusive ? (
          <Tag color="green" data-testid="inclusive-status">
            普惠托育机构
          </Tag>
        ) : (
          <Tag data-testid="inclusive-status">非普惠</Tag>
        )}
        {data.demonstrationYears.map((y) => (
          <Tag color="gold" key={y}>
            {y} 年示范
          </Tag>
        ))}
      </Space>
      {credit.data?.seriousBreach ? <SeriousBreachAlert breach={credit.data.seriousBreach} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title="托位数" value={data.totalPlaces} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title="普惠托位" value={data.inclusive?.inclusivePlaces ?? 0} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title="普惠收费上限" value={data.inclusive ? yuan(data.inclusive.priceCapFen) : '—'} suffix={data.inclusive ? '/月' : undefined} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card data-testid="credit-grade">
            {/* The grade with its label from the credit service; the register's letter alone only without that answer. */}
            <Statistic
              title="信用等级"
              value={credit.data ? `${credit.data.grade} ${credit.data.gradeLabel}` : credit.loading ? '…' : (data.creditGrade ?? NO_DATA)}
            />
          </Card>
        </Col>
      </Row>
      <Card title="备案信息" style={{ marginTop: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label="备案回执编号">
            <Link to={`/public/receipts/${encodeURIComponent(data.receiptNo)}`} data-testid="receipt-no">
              {data.receiptNo}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label="备案日期">{data.filedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="所在地区">{divisionPath(data.divisionCode)}</Descriptions.Item>
          <Descriptions.Item label="地址">{data.address}</Descriptions.Item>
          <Descriptions.Item label="举办类型">{label(OPERATOR_TYPE_LABELS, data.operatorType)}</Descriptions.Item>
          <Descriptions.Item label="服务形式">{data.careForms.map((f) => label(CARE_FORM_LABELS, f)).join('、')}</Descriptions.Item>
          <Descriptions.Item label="乳儿班 / 托小班 / 托大班 / 混龄班">{`${data.places.infant} / ${data.places.toddler} / ${data.places.older} / ${data.places.mixed}`}</Descriptions.Item>
          <Descriptions.Item label="普惠认定日期">{data.inclusive?.grantedOn ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="双随机抽查（抽中本机构的计划）" style={{ marginTop: 16 }}>
        {has?.('GET /api/v1/public/institutions/{id}/inspection-plans') ? (
          <Draws institutionId={id} institutionName={data.name} />
        ) : (
          <Empty description={NO_DATA} />
        )}
      </Card>
      <Card title="监督检查结果（一公开）" style={{ marginTop: 16 }}>
        {has?.('GET /api/v1/public/inspections') ? <Inspections institutionId={id} /> : <Empty description={NO_DATA} />}
      </Card>
      {has?.('POST /api/v1/public/complaints') ? <ComplaintForm institutionId={id} /> : null}
    </article>
  );
}

/** 严重失信主体名单 in publication: decided after notice and statement, with its periods and facts. */
function SeriousBreachAlert({ breach }: { breach: SeriousBreach }) {
  return (
    <Alert
      type="error"
      showIcon
      data-testid="serious-breach"
      style={{ marginBottom: 16 }}
      title="列入严重失信主体名单"
      description={
        <Descriptions column={1} size="small">
          <Descriptions.Item label="认定决定书文号">{breach.decisionNo}</Descriptions.Item>
          <Descriptions.Item label="公示期">
            {breach.from} 至 {breach.until}
          </Descriptions.Item>
          <Descriptions.Item label="可申请信用修复日期">{breach.repairableFrom} 起</Descriptions.Item>
          <Descriptions.Item label="认定事实">{breach.facts}</Descriptions.Item>
          <Descriptions.Item label="依据">{breach.basis}</Descriptions.Item>
        </Descriptions>
      }
    />
  );
}

const DRAWS_PAGE = 20;

/** The published 双随机 plans that drew this institution, latest draw first, as the server finds them (one indexed query). */
function Draws({ institutionId, institutionName }: { institutionId: string; institutionName: string }) {
  const [page, setPage] = useState(1);
  const { data, error, loading } = useLoad(
    (signal) =>
      api<Page<InstitutionPlanDraw>>(`/api/v1/public/institutions/${institutionId}/inspection-plans`, { query: { page, pageSize: DRAWS_PAGE }, signal }),
    [institutionId, page],
  );
  if (error) return <LoadError error={error} />;
  return (
    <DataTable<InstitutionPlanDraw>
      rowKey={(r) => r.plan.id}
      loading={loading}
      dataSource={data?.items ?? []}
      exportName={`双随机抽中记录-${institutionName}`}
      pagination={
        (data?.total ?? 0) > DRAWS_PAGE ? { current: page, pageSize: DRAWS_PAGE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false } : false
      }
      locale={{ emptyText: '暂无抽中本机构的双随机计划' }}
      exportColumns={[
        { title: '计划', value: (r) => r.plan.title },
        { title: '地区', value: (r) => divisionName(r.plan.divisionCode) },
        { title: '检查期间', value: (r) => `${r.plan.periodFrom} 至 ${r.plan.periodTo}` },
        { title: '部门', value: (r) => r.plan.departments.map((d) => label(DEPARTMENT_LABELS, d)).join('、') },
        { title: '抽取时间', value: (r) => dateTime(r.plan.drawnAt) },
        { title: '抽取顺位', value: (r) => r.position },
        { title: '抽中机构数', value: (r) => r.plan.result?.institutions ?? '' },
        { title: '抽取时信用等级', value: (r) => r.drawn.grade },
      ]}
      columns={[
        { title: '计划', key: 'title', render: (_: unknown, r) => <Link to="/public/plans">{r.plan.title}</Link> },
        { title: '地区', key: 'division', render: (_: unknown, r) => divisionName(r.plan.divisionCode) },
        { title: '检查期间', key: 'period', render: (_: unknown, r) => `${r.plan.periodFrom} 至 ${r.plan.periodTo}` },
        { title: '部门', key: 'departments', render: (_: unknown, r) => r.plan.departments.map((d) => <Tag key={d}>{label(DEPARTMENT_LABELS, d)}</Tag>) },
        { title: '抽取时间', key: 'drawnAt', render: (_: unknown, r) => dateTime(r.plan.drawnAt) },
        { title: '抽取顺位', key: 'position', align: 'right', render: (_: unknown, r) => `${r.position} / ${r.plan.result?.institutions ?? '—'}` },
        { title: '抽取时信用等级', key: 'grade', render: (_: unknown, r) => r.drawn.grade },
      ]}
    />
  );
}

function Inspections({ institutionId }: { institutionId: string }) {
  const { data, error, loading } = useLoad(
    (signal) => api<Page<PublicInspection>>('/api/v1/public/inspections', { query: { institutionId, pageSize: 50 }, signal }),
    [institutionId],
  );
  if (loading) return <Loading />;
  if (error) return <LoadError error={error} />;
  if (!data?.items.length) return <Empty description="暂无已完成的检查" />;
  return (
    <Collapse
      items={data.items.map((i) => ({
        key: i.id,
        label: (
          <Space wrap>
            <span>{i.completedOn}</span>
            <Tag>{label(INSPECTION_KIND_LABELS, i.kind)}</Tag>
            <span>{i.departments.map((d) => label(DEPARTMENT_LABELS, d.department)).join('、')}</span>
            <Tag color={i.summary.fail ? 'red' : 'green'}>{i.summary.fail ? `${i.summary.fail} 项不符合` : '全部符合'}</Tag>
          </Space>
        ),
        children: (
          <>
            {i.findings.length ? (
              <div style={{ marginBottom: 12 }}>
                <DataTable
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={i.findings}
                  exportName={`检查发现-${i.institutionName}-${i.completedOn}`}
                  exportColumns={[
                    { title: '问题', value: (f) => f.itemText },
                    { title: '部门', value: (f) => label(DEPARTMENT_LABELS, f.department) },
                    { title: '说明', value: (f) => f.note ?? '' },
                    { title: '整改期限', value: (f) => f.deadline },
                    { title: '整改情况', value: (f) => f.statusLabel },
                  ]}
                  columns={[
                    { title: '问题', dataIndex: 'itemText' },
                    { title: '部门', dataIndex: 'department', render: (d: string) => label(DEPARTMENT_LABELS, d) },
                    { title: '整改期限', dataIndex: 'deadline' },
                    { title: '整改情况', dataIndex: 'statusLabel' },
                  ]}
                />
              </div>
            ) : null}
            <DataTable
              size="small"
              rowKey="code"
              pagination={{ pageSize: 10 }}
              dataSource={i.items}
              exportName={`检查结果-${i.institutionName}-${i.completedOn}`}
              exportColumns={[
                { title: '检查事项', value: (r) => r.text },
                { title: '部门', value: (r) => label(DEPARTMENT_LABELS, r.department) },
                { title: '结果', value: (r) => (r.result ? label(ITEM_RESULT_LABELS, r.result) : '') },
                { title: '说明', value: (r) => r.note ?? '' },
              ]}
              columns={[
                { title: '检查事项', dataIndex: 'text' },
                { title: '部门', dataIndex: 'department', render: (d: string) => label(DEPARTMENT_LABELS, d) },
                { title: '结果', dataIndex: 'result', render: (r: string | null) => (r ? label(ITEM_RESULT_LABELS, r) : '—') },
              ]}
            />
          </>
        ),
      }))}
    />
  );
}

function ComplaintForm({ institutionId }: { institutionId: string }) {
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (done)
    return (
      <Card style={{ marginTop: 16 }}>
        <Result status="success" title="投诉举报已提交" subTitle={`受理编号 ${done}，承办部门将依法处理。`} />
      </Card>
    );
  return (
    <Card title="投诉举报" style={{ marginTop: 16 }}>
      <Alert type="info" showIcon title="您的联系方式仅供承办部门核实使用，不会公开。" style={{ marginBottom: 16 }} />
      <Form
        layout="vertical"
        onFinish={async (v: { category: string; description: string; name?: string; phone?: string }) => {
          setBusy(true);
          try {
            const contact = v.name || v.phone ? { name: v.name || undefined, phone: v.phone || undefined } : undefined;
            const r = await api<{ id: string }>('/api/v1/public/complaints', {
              method: 'POST',
              body: { institutionId, category: v.category, description: v.description, contact },
            });
            setDone(r.id);
          } catch (e) {
            void message.error(errorMessage(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item label="类别" name="category" rules={[{ required: true, message: '请选择类别' }]}>
          <Select options={Object.entries(COMPLAINT_CATEGORY_LABELS).map(([value, l]) => ({ value, label: l }))} />
        </Form.Item>
        <Form.Item label="情况描述" name="description" rules={[{ required: true, min: 5, message: '请至少写 5 个字' }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Space wrap>
          <Form.Item label="联系人（选填）" name="name">
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item label="电话（选填）" name="phone">
            <Input maxLength={20} />
          </Form.Item>
        </Space>
        <div>
          <Button type="primary" htmlType="submit" loading={busy}>
            提交
          </Button>
        </div>
      </Form>
    </Card>
  );
}
