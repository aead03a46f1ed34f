import { App, DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../api/client';
import type { Institution, Page } from '../api/types';
import { useSession } from '../auth/session';
import { DEPARTMENT_LABELS, INSPECTING_DEPARTMENTS, label } from '../common/labels';
import { divisionName } from '../common/divisions';
import { FormDrawer } from '../common/FormDrawer';
import { showApiError, useLoad } from '../common/ui';

interface Inspector {
  id: string;
  department: string;
  name: string;
  badgeNo: string;
  active: boolean;
  conflicts: { institutionId: string }[];
}

interface AdHocForm {
  institutionId: string;
  scheduledOn: Dayjs;
  departments: string[];
  repeatReason?: string;
  [inspectors: `inspectors_${string}`]: string[] | undefined;
}

/**
 * 专项检查 (ad hoc, outside the draw): the lead department names the institution, the day and, for
 * each department taking part, at least two of its inspectors (执法人员; those with a recorded
 * 回避 for the institution are not offered). A second inspection by a department within the alert
 * window needs a reason, which the form asks for when the platform says so.
 */
export function AdHocInspectionDrawer() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [needsReason, setNeedsReason] = useState(false);
  const [form] = Form.useForm<AdHocForm>();
  const institutionId = Form.useWatch('institutionId', form);
  const departments = Form.useWatch('departments', form) ?? [];
  const institutions = useLoad(
    (signal) => (open ? api<Page<Institution>>('/api/v1/institutions', { query: { pageSize: 200 }, signal }) : Promise.resolve(undefined)),
    [open],
  );
  const inspectors = useLoad((signal) => (open ? api<Inspector[]>('/api/v1/inspectors', { signal }) : Promise.resolve(undefined)), [open]);

  const choices = (department: string) =>
    (inspectors.data ?? [])
      .filter((i) => i.department === department && i.active && !i.conflicts.some((c) => c.institutionId === institutionId))
      .map((i) => ({ value: i.id, label: `${i.name}（${i.badgeNo}）` }));

  async function submit() {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const created = await api<{ id: string }>('/api/v1/inspections', {
        method: 'POST',
        body: {
          kind: 'adhoc',
          institutionId: v.institutionId,
          scheduledOn: v.scheduledOn.format('YYYY-MM-DD'),
          departments: v.departments.map((department) => ({ department, inspectorIds: v[`inspectors_${department}`] ?? [] })),
          ...(v.repeatReason ? { repeatReason: v.repeatReason } : {}),
        },
      });
      void message.success('专项检查已发起，执法人员可在移动端看到本次检查');
      setOpen(false);
      form.resetFields();
      void navigate(`/app/inspections/${created.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'INSPECTION_REPEATED') setNeedsReason(true);
      void message.error(showApiError(form, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <FormDrawer
      trigger="发起专项检查"
      triggerProps={{ type: 'primary' }}
      title="发起专项检查"
      submitLabel="发起检查"
      open={open}
      busy={busy}
      onOpenChange={setOpen}
      onSubmit={() => void submit()}
    >
      <Typography.Paragraph type="secondary">
        不在双随机计划内的检查（如专项整治、复核）。每个参加部门至少两名执法人员；与机构存在回避情形的人员不列出。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          scheduledOn: dayjs(),
          departments: session && INSPECTING_DEPARTMENTS.includes(session.department) ? [session.department] : [],
        }}
      >
        <Form.Item label="被检查机构" name="institutionId" rules={[{ required: true, message: '请选择机构' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={institutions.loading}
            options={(institutions.data?.items ?? [])
              .filter((i) => i.status !== 'deregistered')
              .map((i) => ({ value: i.id, label: `${i.name}（${divisionName(i.divisionCode)}）` }))}
          />
        </Form.Item>
        <Form.Item label="检查日期" name="scheduledOn" rules={[{ required: true, message: '请选择检查日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item label="参加部门" name="departments" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个部门' }]}>
          <Select mode="multiple" options={INSPECTING_DEPARTMENTS.map((d) => ({ value: d, label: label(DEPARTMENT_LABELS, d) }))} />
        </Form.Item>
        {departments.map((department) => (
          <Form.Item
            key={department}
            label={`${label(DEPARTMENT_LABELS, department)}执法人员`}
            name={`inspectors_${department}`}
            rules={[{ required: true, type: 'array', min: 2, message: '每个部门至少两名执法人员' }]}
          >
            <Select mode="multiple" loading={inspectors.loading} options={choices(department)} optionFilterProp="label" />
          </Form.Item>
        ))}
        {needsReason ? (
          <Form.Item label="再次检查的理由" name="repeatReason" rules={[{ required: true, whitespace: true, message: '请说明再次检查的理由' }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        ) : null}
      </Form>
    </FormDrawer>
  );
}
