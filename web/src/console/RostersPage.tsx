import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError, downloadFile, errorMessage } from '../api/client';
import type { Institution, Page } from '../api/types';
import { useSession } from '../auth/session';
import { CARE_FORM_LABELS, dateTime } from '../common/labels';
import { divisionName } from '../common/divisions';
import { LoadError, PageHeader, showApiError, useLoad } from '../common/ui';

interface RosterView {
  id: string;
  institutionName: string;
  divisionCode: string;
  month: string;
  version: number;
  openDays: number;
  totalChildren: number;
  byClass: Record<string, number>;
  byCareForm: Record<string, number>;
  byBirthOrder: Record<string, number>;
  flags: { code: string; message: string }[];
  overCapacityReason: string | null;
  duplicates: unknown[];
  submittedAt: string;
}

interface UploadForm {
  institutionId?: string;
  month?: Dayjs;
  openDays?: number;
  overCapacityReason?: string;
  reason?: string;
}

const CLASS_LABELS: Record<string, string> = { infant: '乳儿班', toddler: '托小班', older: '托大班', mixed: '混龄班' };
const HEADINGS = '身份证号、出生年月、孩次、班型、托育形式、出勤天数、编号';

/**
 * 收托名册: the operator uploads the month's roster (.xlsx or .csv, the columns the platform's
 * template names); departments look a roster up. The server checks every row and names the row.
 */
export function RostersPage() {
  const session = useSession();
  const { message } = App.useApp();
  const isOperator = session?.department === 'operator' || session?.department === 'admin';
  const [form] = Form.useForm<UploadForm>();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [roster, setRoster] = useState<RosterView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const institutions = useLoad((signal) => api<Page<Institution>>('/api/v1/institutions', { query: { pageSize: 200 }, signal }), []);
  // Every operating institution reports its roster, filed or not; only payment needs filing (and 普惠).
  const operating = (institutions.data?.items ?? []).filter((i) => i.status !== 'deregistered');

  const target = () => {
    const v = form.getFieldsValue();
    return v.institutionId && v.month ? `/api/v1/institutions/${v.institutionId}/rosters/${v.month.format('YYYY-MM')}` : null;
  };

  async function upload() {
    const v = await form.validateFields();
    if (!file) return void message.warning('请选择名册文件（.xlsx 或 .csv）');
    setBusy(true);
    setProblem(null);
    try {
      const body = new FormData();
      body.set('file', file, file.name);
      const result = await api<RosterView>(`${target()}/upload`, {
        method: 'PUT',
        raw: body,
        query: { openDays: v.openDays, overCapacityReason: v.overCapacityReason || undefined, reason: v.reason || undefined },
      });
      setRoster(result);
      void message.success(`名册已报送（第 ${result.version} 版，${result.totalChildren} 人）`);
    } catch (e) {
      const text = showApiError(form, e);
      setProblem(text);
      void message.error(text);
    } finally {
      setBusy(false);
    }
  }

  async function lookUp() {
    const path = target();
    if (!path) return void message.warning('请选择机构和月份');
    setProblem(null);
    try {
      setRoster(await api<RosterView>(path));
    } catch (e) {
      setRoster(null);
      setProblem(e instanceof ApiError && e.code === 'ROSTER_NOT_FOUND' ? '该月尚未报送名册' : showApiError(null, e));
    }
  }

  return (
    <>
      <PageHeader title="收托名册">
        每月报送实际收托的婴幼儿名册（所有运营中的机构，含未备案机构），作为在托人数统计和按实际收托人数补助的依据；补助只发给已备案且符合政策的机构。平台只保存身份证号的加密摘要。表头：
        {HEADINGS}。
      </PageHeader>
      {institutions.error ? <LoadError error={institutions.error} /> : null}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form form={form} layout="vertical" initialValues={{ month: dayjs(), openDays: 22 }} style={{ maxWidth: 560 }}>
          <Form.Item label="机构" name="institutionId" rules={[{ required: true, message: '请选择机构' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={institutions.loading}
              placeholder="运营中的机构（含未备案）"
              options={operating.map((i) => ({
                value: i.id,
                label: `${i.name}（${divisionName(i.divisionCode)}${i.status === 'filed' ? '' : '，未备案'}）`,
              }))}
            />
          </Form.Item>
          <Form.Item label="月份" name="month" rules={[{ required: true, message: '请选择月份' }]}>
            <DatePicker picker="month" allowClear={false} aria-label="名册月份" />
          </Form.Item>
          {isOperator ? (
            <>
              <Form.Item label="本月开园天数" name="openDays" rules={[{ required: true, message: '请填写开园天数' }]}>
                <InputNumber min={1} max={31} aria-label="本月开园天数" />
              </Form.Item>
              <Form.Item label="超额收托说明" name="overCapacityReason" extra="人数超过备案托位时必填">
                <Input maxLength={500} />
              </Form.Item>
              <Form.Item label="更正原因" name="reason" extra="替换本月已报送的名册时填写">
                <Input maxLength={500} />
              </Form.Item>
              <Form.Item label="名册文件" required>
                <input
                  type="file"
                  accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                  aria-label="名册文件"
                  onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                />
              </Form.Item>
            </>
          ) : null}
          <Space>
            {isOperator ? (
              <Button type="primary" icon={<UploadOutlined />} loading={busy} onClick={() => void upload()}>
                上传并报送
              </Button>
            ) : null}
            <Button onClick={() => void lookUp()}>查看本月名册</Button>
            {isOperator ? (
              <Button
                icon={<DownloadOutlined />}
                onClick={() => downloadFile('/api/v1/rosters/template.xlsx', '收托名册模板.xlsx').catch((e: unknown) => void message.error(errorMessage(e)))}
              >
                下载名册模板
              </Button>
            ) : null}
          </Space>
        </Form>
      </Card>
      {problem ? (
        <Alert
          type="error"
          showIcon
          title="名册未被接受"
          description={
            <div data-testid="roster-problem" style={{ whiteSpace: 'pre-wrap' }}>
              {problem}
            </div>
          }
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {roster ? (
        <Card size="small" title={`${roster.institutionName} · ${roster.month} 收托名册（第 ${roster.version} 版）`} data-testid="roster">
          <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
            <Descriptions.Item label="在托人数">
              <span data-testid="roster-total">{roster.totalChildren}</span>
            </Descriptions.Item>
            <Descriptions.Item label="开园天数">{roster.openDays}</Descriptions.Item>
            <Descriptions.Item label="按班型">
              {Object.entries(roster.byClass)
                .filter(([, n]) => n)
                .map(([k, n]) => `${CLASS_LABELS[k] ?? k} ${n}`)
                .join('，') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label="按托育形式">
              {Object.entries(roster.byCareForm)
                .filter(([, n]) => n)
                .map(([k, n]) => `${CARE_FORM_LABELS[k] ?? k} ${n}`)
                .join('，') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label="按孩次">
              {Object.entries(roster.byBirthOrder)
                .filter(([, n]) => n)
                .map(([k, n]) => `${k} 孩 ${n}`)
                .join('，') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label="报送时间">{dateTime(roster.submittedAt)}</Descriptions.Item>
          </Descriptions>
          {roster.flags.length ? (
            <Space wrap style={{ marginTop: 8 }}>
              {roster.flags.map((f) => (
                <Tag key={f.code} color="orange">
                  {f.message}
                </Tag>
              ))}
            </Space>
          ) : null}
          {roster.duplicates.length ? (
            <Typography.Paragraph type="warning" style={{ marginTop: 8 }}>
              {roster.duplicates.length} 名婴幼儿同月出现在其他机构名册中，相关补助暂缓发放。
            </Typography.Paragraph>
          ) : null}
        </Card>
      ) : null}
    </>
  );
}
