import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, DatePicker, Divider, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { FormDrawer } from '../common/FormDrawer';
import { showApiError } from '../common/ui';

/** The documents 备案 asks for, each a reference the operator keeps (number, file id or URL). */
const DOCUMENTS = [
  ['businessLicence', '营业执照或法人登记证书'],
  ['premisesProof', '场地证明（产权证明或租赁合同）'],
  ['staffQualifications', '工作人员资格证明'],
  ['staffHealthCertificates', '工作人员健康合格证明'],
  ['healthEvaluation', '卫生评价报告'],
  ['fireAcceptance', '消防验收或备案证明'],
  ['foodLicence', '食品经营许可证（提供膳食的）'],
] as const;

const CLASS_OPTIONS = [
  { value: 'infant', label: '乳儿班（6–12 个月）' },
  { value: 'toddler', label: '托小班（12–24 个月）' },
  { value: 'older', label: '托大班（24–36 个月）' },
  { value: 'mixed', label: '混龄班（18 个月以上）' },
];
const EDUCATION_OPTIONS = [
  { value: 'below_high_school', label: '高中以下' },
  { value: 'high_school', label: '高中' },
  { value: 'vocational', label: '中专/职高' },
  { value: 'junior_college', label: '大专' },
  { value: 'bachelor', label: '本科' },
  { value: 'master', label: '硕士' },
  { value: 'doctorate', label: '博士' },
];

type Values = Record<string, unknown> & {
  documents?: Record<string, { ref?: string; owned?: boolean; leaseYears?: number; result?: string }>;
  livingRoomFloors?: string;
  healthCentre?: { name?: string; doctorName?: string; signedOn?: Dayjs };
};

/** Leaves out what was not filled in: the automatic check marks a missing fact rather than refusing the filing. */
function filled<T extends Record<string, unknown>>(o: T | undefined): Partial<T> | undefined {
  if (!o) return undefined;
  const kept = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  return Object.keys(kept).length ? (kept as Partial<T>) : undefined;
}

function submission(v: Values): Record<string, unknown> {
  const documents = Object.fromEntries(
    DOCUMENTS.flatMap(([key]) => {
      const d = filled(v.documents?.[key]);
      return d?.ref ? [[key, d]] : [];
    }),
  );
  const floors = (v.livingRoomFloors ?? '')
    .split(/[,，、\s]+/)
    .filter(Boolean)
    .map(Number);
  const centre = v.healthCentre;
  const body: Record<string, unknown> = {
    documents: Object.keys(documents).length ? documents : undefined,
    facility: filled({ ...(v.facility as Record<string, unknown>), livingRoomFloors: floors.length ? floors : undefined }),
    classes: (v.classes as unknown[] | undefined)?.length ? v.classes : undefined,
    director: filled(v.director as Record<string, unknown>),
    healthWorker: filled(v.healthWorker as Record<string, unknown>),
    surveillance: filled(v.surveillance as Record<string, unknown>),
    oneKeyAlarmLinked: v.oneKeyAlarmLinked,
    mealsServed: v.mealsServed,
    healthCentre: centre?.name ? filled({ name: centre.name, doctorName: centre.doctorName, signedOn: centre.signedOn?.format('YYYY-MM-DD') }) : undefined,
  };
  return Object.fromEntries(Object.entries(body).filter(([, x]) => x !== undefined));
}

/**
 * 备案申请: the operator hands in what 备案 asks for (材料, 场地, 班级与保育人员, 负责人, 卫生保健人员,
 * 视频监控, 报警联网, 膳食, 医育结合). Anything left blank is marked by the automatic check for the
 * health bureau rather than refused; after submitting, the check's result opens.
 */
export function SubmitFilingDrawer({ institution }: { institution: { id: string; name: string } }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();

  async function submit() {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const filing = await api<{ id: string }>(`/api/v1/institutions/${institution.id}/filings`, { method: 'POST', body: submission(v) });
      void message.success('备案申请已提交，请查看自动核验结果');
      setOpen(false);
      void navigate(`/app/filings/${filing.id}`);
    } catch (e) {
      void message.error(showApiError(form, e, { 'facility.livingRoomFloors': 'livingRoomFloors' }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <FormDrawer
      trigger="提交备案"
      triggerProps={{ size: 'small' }}
      title={`备案申请 · ${institution.name}`}
      submitLabel="提交备案"
      open={open}
      busy={busy}
      onOpenChange={setOpen}
      onSubmit={() => void submit()}
    >
      <Typography.Paragraph type="secondary">未填写的项目由平台自动核验标记为“缺少材料”或“需人工核实”，由卫生健康部门审核时补正。</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ classes: [], documents: { premisesProof: { owned: false } } }}>
        <Divider titlePlacement="start">备案材料</Divider>
        {DOCUMENTS.map(([key, title]) => (
          <Space key={key} wrap align="start">
            <Form.Item label={title} name={['documents', key, 'ref']} style={{ width: 300 }}>
              <Input placeholder="文号、证号或文件编号" maxLength={200} />
            </Form.Item>
            {key === 'premisesProof' ? (
              <>
                <Form.Item label="场地" name={['documents', key, 'owned']}>
                  <Radio.Group
                    options={[
                      { value: true, label: '自有' },
                      { value: false, label: '租赁' },
                    ]}
                  />
                </Form.Item>
                <Form.Item label="租期（年）" name={['documents', key, 'leaseYears']}>
                  <InputNumber min={0} max={99} precision={1} />
                </Form.Item>
              </>
            ) : null}
            {key === 'healthEvaluation' ? (
              <Form.Item label="评价结论" name={['documents', key, 'result']}>
                <Select
                  style={{ width: 120 }}
                  options={[
                    { value: '合格', label: '合格' },
                    { value: '不合格', label: '不合格' },
                  ]}
                />
              </Form.Item>
            ) : null}
          </Space>
        ))}
        <Divider titlePlacement="start">场地</Divider>
        <Space wrap align="start">
          <Form.Item
            label="婴幼儿生活用房所在楼层"
            name="livingRoomFloors"
            extra="多个楼层用逗号分隔，地下室填负数"
            rules={[{ pattern: /^\s*-?\d{1,2}(\s*[,，、\s]\s*-?\d{1,2})*\s*$/, message: '请填写楼层数字，如 1,2' }]}
          >
            <Input placeholder="如 1,2" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label="使用地下室或半地下室" name={['facility', 'basementUse']}>
            <Radio.Group
              options={[
                { value: false, label: '否' },
                { value: true, label: '是' },
              ]}
            />
          </Form.Item>
          <Form.Item label="观察室面积（m²）" name={['facility', 'observationRoomM2']}>
            <InputNumber min={0} max={10_000} precision={2} />
          </Form.Item>
        </Space>
        <Divider titlePlacement="start">班级与保育人员</Divider>
        <Form.List name="classes">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} wrap align="baseline">
                  <Form.Item label="班型" name={[field.name, 'type']} rules={[{ required: true, message: '请选择班型' }]}>
                    <Select style={{ width: 180 }} options={CLASS_OPTIONS} />
                  </Form.Item>
                  <Form.Item label="人数" name={[field.name, 'size']} rules={[{ required: true, message: '请填写人数' }]}>
                    <InputNumber min={0} max={100} precision={0} />
                  </Form.Item>
                  <Form.Item label="保育人员" name={[field.name, 'carers']} rules={[{ required: true, message: '请填写保育人员数' }]}>
                    <InputNumber min={0} max={100} precision={0} />
                  </Form.Item>
                  <MinusCircleOutlined aria-label="删除班级" onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ type: 'toddler' })}>
                添加班级
              </Button>
            </>
          )}
        </Form.List>
        <Divider titlePlacement="start">负责人与卫生保健人员</Divider>
        <Space wrap align="start">
          <Form.Item label="负责人学历" name={['director', 'education']}>
            <Select style={{ width: 140 }} options={EDUCATION_OPTIONS} />
          </Form.Item>
          <Form.Item label="相关管理工作年限" name={['director', 'managementYears']}>
            <InputNumber min={0} max={60} precision={1} />
          </Form.Item>
          <Form.Item label="负责人岗位培训合格" name={['director', 'postTrainingCompleted']} valuePropName="checked">
            <Checkbox>已合格</Checkbox>
          </Form.Item>
          <Form.Item label="专职卫生保健人员" name={['healthWorker', 'fullTime']}>
            <InputNumber min={0} max={50} precision={0} />
          </Form.Item>
          <Form.Item label="兼职卫生保健人员" name={['healthWorker', 'partTime']}>
            <InputNumber min={0} max={50} precision={0} />
          </Form.Item>
        </Space>
        <Divider titlePlacement="start">安全</Divider>
        <Space wrap align="start">
          <Form.Item label="视频监控覆盖婴幼儿活动区域" name={['surveillance', 'coversAllInfantAreas']} valuePropName="checked">
            <Checkbox>全覆盖</Checkbox>
          </Form.Item>
          <Form.Item label="24 小时运行" name={['surveillance', 'runs24h']} valuePropName="checked">
            <Checkbox>是</Checkbox>
          </Form.Item>
          <Form.Item label="录像保存天数" name={['surveillance', 'retentionDays']}>
            <InputNumber min={0} max={3_650} precision={0} />
          </Form.Item>
          <Form.Item label="一键式紧急报警与公安联网" name="oneKeyAlarmLinked" valuePropName="checked">
            <Checkbox>已联网</Checkbox>
          </Form.Item>
          <Form.Item label="提供膳食" name="mealsServed" valuePropName="checked">
            <Checkbox>提供</Checkbox>
          </Form.Item>
        </Space>
        <Divider titlePlacement="start">医育结合</Divider>
        <Space wrap align="start">
          <Form.Item label="签约社区卫生服务中心" name={['healthCentre', 'name']}>
            <Input maxLength={100} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item label="儿保医生" name={['healthCentre', 'doctorName']}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item label="签约日期" name={['healthCentre', 'signedOn']}>
            <DatePicker />
          </Form.Item>
        </Space>
      </Form>
    </FormDrawer>
  );
}
