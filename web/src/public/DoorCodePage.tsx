import { PrinterOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import type { PublicInstitution } from '../api/types';
import { divisionPath } from '../common/divisions';
import { LoadError, Loading, useLoad } from '../common/ui';

/**
 * 门牌码 (扫码查看): the sheet an institution prints and puts up at its door. Scanning it opens the
 * institution's public page — filing, 普惠, credit grade, inspection results and the complaint form.
 */
export function DoorCodePage() {
  const { id = '' } = useParams();
  const { data, error, loading } = useLoad((signal) => api<PublicInstitution>(`/api/v1/public/institutions/${id}`, { signal }), [id]);
  if (loading) return <Loading />;
  if (error || !data) return <LoadError error={error} />;
  return (
    <article className="door-code" aria-labelledby="door-code-name">
      <div className="no-print" style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 16 }}>
        <Link to={`/public/institutions/${id}`}>← 返回机构公示</Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印门牌码
        </Button>
      </div>
      <div className="door-code-sheet">
        <Typography.Title level={2} id="door-code-name" style={{ marginBottom: 4 }}>
          {data.name}
        </Typography.Title>
        <div>{divisionPath(data.divisionCode)}</div>
        <img src={`/api/v1/public/institutions/${id}/door-code.png`} alt={`${data.name} 门牌码`} width={280} height={280} data-testid="door-code-image" />
        <Typography.Title level={4} style={{ margin: 0 }}>
          扫码查看
        </Typography.Title>
        <div>备案信息 · 普惠认定 · 信用等级 · 监督检查结果 · 投诉举报</div>
        <div style={{ marginTop: 12, color: '#555' }}>
          备案回执编号 <span data-testid="door-code-receipt">{data.receiptNo}</span>
          {data.creditGrade ? ` · 信用等级 ${data.creditGrade}` : ''}
        </div>
      </div>
    </article>
  );
}
