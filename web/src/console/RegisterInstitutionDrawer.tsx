import { App, Checkbox, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import type { Institution } from '../api/types';
import { homeDivision, useSession } from '../auth/session';
import { CARE_FORM_LABELS, OPERATOR_TYPE_LABELS } from '../common/labels';
import { coveredCounties, streetsOf } from '../common/divisions';
import { FormDrawer } from '../common/FormDrawer';
import { showApiError } from '../common/ui';

interface RegisterForm {
  name: string;
  uscc: string;
  nature: 'for_profit' | 'non_profit';
  operatorType: string;
  careForms: string[];
  county: string;
  divisionCode: string;
  address: string;
  floor: number;
  buildingAreaM2: number;
  outdoorAreaM2: number;
  placesInfant: number;
  placesToddler: number;
  placesOlder: number;
  placesMixed: number;
}

const CLASS_FIELDS = [
  ['placesInfant', 'infant', '乳儿班（6–12 个月）'],
  ['placesToddler', 'toddler', '托小班（12–24 个月）'],
  ['placesOlder', 'older', '托大班（24–36 个月）'],
  ['placesMixed', 'mixed', '混龄班（18 个月以上）'],
] as const;

/** The API names a bad place count by its path (places.infant); the form by its own field. */
const FIELD_ALIASES = Object.fromEntries(CLASS_FIELDS.map(([field, key]) => [`places.${key}`, field]));

/**
 * 登记: an operator (举办者) registers its institution — the registration the market regulator
 * (营利性) or civil affairs (非营利性) holds — and the institution appears in its own list, ready to file.
 */
export function RegisterInstitutionDrawer({ onRegistered }: { onRegistered: (institution: Institution) => void }) {
  const { message } = App.useApp();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<RegisterForm>();
  const county = Form.useWatch('county', form);
  const home = homeDivision(session);

  async function submit() {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const created = await api<Institution>('/api/v1/institutions', {
        method: 'POST',
        body: {
          name: v.name,
          uscc: v.uscc.trim().toUpperCase(),
          nature: v.nature,
          operatorType: v.operatorType,
          careForms: v.careForms,
          divisionCode: v.divisionCode,
          address: v.address,
          floor: v.floor,
          buildingAreaM2: v.buildingAreaM2,
          outdoorAreaM2: v.outdoorAreaM2,
          places: Object.fromEntries(CLASS_FIELDS.map(([field, key]) => [key, v[field] ?? 0])),
        },
      });
      void message.success(`已登记「${created.name}」，可以提交备案`);
      setOpen(false);
      form.resetFields();
      onRegistered(created);
    } catch (e) {
      void message.error(showApiError(form, e, FIELD_ALIASES));
    } finally {
      setBusy(false);
    }
  }

  return (
    <FormDrawer
      trigger="登记新机构"
      triggerProps={{ type: 'primary' }}
      title="登记托育机构"
      submitLabel="提交登记"
      open={open}
      busy={busy}
      onOpenChange={setOpen}
      onSubmit={() => void submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          nature: 'for_profit',
          operatorType: 'private',
          careForms: ['full_day'],
          county: home.slice(0, 6),
          floor: 1,
          outdoorAreaM2: 0,
          placesInfant: 0,
          placesToddler: 0,
          placesOlder: 0,
          placesMixed: 0,
        }}
      >
        <Form.Item label="机构名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写机构名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="统一社会信用代码" name="uscc" rules={[{ required: true, message: '请填写统一社会信用代码' }]} extra="18 位，见营业执照或法人登记证书">
          <Input maxLength={18} />
        </Form.Item>
        <Space wrap>
          <Form.Item label="机构性质" name="nature" extra="营利性由市场监管部门登记，非营利性由民政部门登记">
            <Select
              style={{ width: 200 }}
              options={[
                { value: 'for_profit', label: '营利性' },
                { value: 'non_profit', label: '非营利性' },
              ]}
            />
          </Form.Item>
          <Form.Item label="举办类型" name="operatorType">
            <Select style={{ width: 200 }} options={Object.entries(OPERATOR_TYPE_LABELS).map(([value, l]) => ({ value, label: l }))} />
          </Form.Item>
        </Space>
        <Form.Item label="服务形式" name="careForms" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一种服务形式' }]}>
          <Checkbox.Group options={Object.entries(CARE_FORM_LABELS).map(([value, l]) => ({ value, label: l }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item label="所在区县" name="county" rules={[{ required: true, message: '请选择区县' }]}>
            <Select
              style={{ width: 200 }}
              showSearch
              optionFilterProp="label"
              options={coveredCounties().map((c) => ({ value: c.code, label: c.name }))}
              onChange={() => form.setFieldValue('divisionCode', undefined)}
            />
          </Form.Item>
          <Form.Item label="乡镇（街道）" name="divisionCode" rules={[{ required: true, message: '请选择乡镇（街道）' }]}>
            <Select
              style={{ width: 200 }}
              showSearch
              optionFilterProp="label"
              disabled={!county}
              options={county ? streetsOf(county).map((s) => ({ value: s.code, label: s.name })) : []}
            />
          </Form.Item>
        </Space>
        <Form.Item label="地址" name="address" rules={[{ required: true, whitespace: true, message: '请填写地址' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item label="婴幼儿用房最低楼层" name="floor" extra="地下室填负数">
            <InputNumber min={-5} max={60} precision={0} />
          </Form.Item>
          <Form.Item label="建筑面积（m²）" name="buildingAreaM2" rules={[{ required: true, message: '请填写建筑面积' }]}>
            <InputNumber min={1} max={100_000} precision={2} />
          </Form.Item>
          <Form.Item label="户外活动场地（m²）" name="outdoorAreaM2">
            <InputNumber min={0} max={100_000} precision={2} />
          </Form.Item>
        </Space>
        <div style={{ marginBottom: 8 }}>托位数（按班型）</div>
        <Space wrap>
          {CLASS_FIELDS.map(([field, , title]) => (
            <Form.Item key={field} label={title} name={field}>
              <InputNumber min={0} max={2_000} precision={0} />
            </Form.Item>
          ))}
        </Space>
      </Form>
    </FormDrawer>
  );
}
