import { CheckCircleFilled, CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import { Button, Card, Descriptions, Form, Input, Result } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import type { ReceiptVerification } from '../api/types';
import { LoadError, Loading, PageHeader, useLoad } from '../common/ui';

/** 备案回执核验: the page the receipt's QR code leads to. */
export function ReceiptPage() {
  const { receiptNo } = useParams();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title="备案回执核验">输入回执编号，或用手机扫描回执上的二维码，核验回执是否真实、是否仍然有效。</PageHeader>
      <Card style={{ marginBottom: 16 }}>
        <Form
          layout="inline"
          initialValues={{ receiptNo }}
          onFinish={(v: { receiptNo: string }) => navigate(`/public/receipts/${encodeURIComponent(v.receiptNo.trim())}`)}
        >
          <Form.Item label="回执编号" name="receiptNo" rules={[{ required: true, message: '请输入回执编号' }]}>
            <Input id="receiptNo" placeholder="例如 330106-2026-0001" style={{ width: 240 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            核验
          </Button>
        </Form>
      </Card>
      {receiptNo ? <Verification receiptNo={receiptNo} /> : null}
    </>
  );
}

function Verification({ receiptNo }: { receiptNo: string }) {
  const { data, error, loading } = useLoad(
    (signal) => api<ReceiptVerification>(`/api/v1/public/receipts/${encodeURIComponent(receiptNo)}`, { signal }),
    [receiptNo],
  );
  if (loading) return <Loading />;
  if (error || !data) return <LoadError error={error} />;
  const status = !data.genuine ? 'error' : data.current ? 'success' : 'warning';
  const icon = !data.genuine ? <CloseCircleFilled /> : data.current ? <CheckCircleFilled /> : <WarningFilled />;
  const title = !data.genuine ? '查无此回执' : data.current ? '回执真实有效' : '回执真实，但已失效';
  return (
    <Card>
      <Result status={status} icon={icon} title={<span data-testid="receipt-verdict">{title}</span>} subTitle={data.message} />
      {data.receipt ? (
        <Descriptions bordered column={1} size="small">
          <Descriptions.Item label="回执编号">{data.receipt.receiptNo}</Descriptions.Item>
          <Descriptions.Item label="机构名称">
            <Link to={`/public/institutions/${data.receipt.institutionId}`}>{data.receipt.institutionName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="地址">{data.receipt.address}</Descriptions.Item>
          <Descriptions.Item label="所在地区">{data.receipt.divisionName}</Descriptions.Item>
          <Descriptions.Item label="出具日期">{data.receipt.issuedOn}</Descriptions.Item>
          <Descriptions.Item label="出具机关">{data.receipt.issuingBureau}</Descriptions.Item>
        </Descriptions>
      ) : null}
    </Card>
  );
}
