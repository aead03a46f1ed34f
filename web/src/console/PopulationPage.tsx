import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Upload } from 'antd';
import { useState } from 'react';
import { api, ApiError, errorMessage } from '../api/client';
import { exportXlsx } from '../common/excel';
import { DataTable, LoadError, PageHeader, useLoad } from '../common/ui';

interface PopulationRow {
  divisionCode: string;
  divisionName: string;
  year: number;
  residentPopulation: number;
  childrenUnder3: number;
  source: string;
  loadedAt: string;
}

export function PopulationPage() {
  const { message } = App.useApp();
  const { data, error, loading, reload } = useLoad((signal) => api<PopulationRow[]>('/api/v1/population', { signal }), []);
  const [result, setResult] = useState<{ ok: boolean; text: string; details?: string[] } | null>(null);

  async function upload(file: File) {
    setResult(null);
    try {
      // The gateway reads .xlsx and .csv itself; its errors name the row of the sheet.
      const body = new FormData();
      body.set('file', file, file.name);
      const r = await api<{ loaded: number }>('/api/v1/population/import', { method: 'POST', raw: body });
      setResult({ ok: true, text: `已导入 ${r.loaded} 行` });
      void message.success(`已导入 ${r.loaded} 行`);
      reload();
    } catch (e) {
      setResult({
        ok: false,
        text: e instanceof ApiError ? e.message : errorMessage(e),
        details: e instanceof ApiError ? e.details?.map((d) => `${d.field}：${d.message}`) : undefined,
      });
    }
    return false;
  }

  return (
    <>
      <PageHeader title="人口数据">
        常住人口与 3 岁以下婴幼儿数，按区划和年份，用于每千人口托位数、入托率与供需缺口。同一区划同一年份的数据导入后覆盖。
      </PageHeader>
      <Card style={{ marginBottom: 16 }}>
        <Upload.Dragger
          accept=".xlsx,.csv"
          showUploadList={false}
          beforeUpload={(f) => {
            void upload(f);
            return false;
          }}
          aria-label="导入人口数据"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>点击或拖入 Excel（.xlsx）或 CSV 文件导入</p>
          <p style={{ color: '#666' }}>表头：区划代码、年份、常住人口、3岁以下婴幼儿数、数据来源</p>
        </Upload.Dragger>
        <Space style={{ marginTop: 12 }}>
          <Button
            onClick={() =>
              void exportXlsx(
                '人口数据导入模板',
                '人口数据',
                [
                  { title: '区划代码', value: (r: string[]) => r[0] },
                  { title: '年份', value: (r: string[]) => Number(r[1]) },
                  { title: '常住人口', value: (r: string[]) => Number(r[2]) },
                  { title: '3岁以下婴幼儿数', value: (r: string[]) => Number(r[3]) },
                  { title: '数据来源', value: (r: string[]) => r[4] },
                ],
                [['330106109', String(new Date().getFullYear()), '120000', '3100', '三墩镇统计年报']],
              )
            }
          >
            下载模板
          </Button>
        </Space>
        {result ? (
          <Alert
            style={{ marginTop: 12 }}
            type={result.ok ? 'success' : 'error'}
            showIcon
            title={result.text}
            description={
              result.details?.length ? (
                <ul style={{ margin: 0 }}>
                  {result.details.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        ) : null}
      </Card>
      {error ? (
        <LoadError error={error} />
      ) : (
        <DataTable<PopulationRow>
          rowKey={(r) => `${r.divisionCode}-${r.year}`}
          loading={loading}
          dataSource={data ?? []}
          pagination={{ pageSize: 50 }}
          exportName="人口数据"
          exportColumns={[
            { title: '区划代码', value: (r) => r.divisionCode },
            { title: '名称', value: (r) => r.divisionName },
            { title: '年份', value: (r) => r.year },
            { title: '常住人口', value: (r) => r.residentPopulation },
            { title: '3岁以下婴幼儿数', value: (r) => r.childrenUnder3 },
            { title: '数据来源', value: (r) => r.source },
          ]}
          columns={[
            { title: '区划代码', dataIndex: 'divisionCode' },
            { title: '名称', dataIndex: 'divisionName' },
            { title: '年份', dataIndex: 'year' },
            { title: '常住人口', dataIndex: 'residentPopulation', align: 'right', render: (v: number) => v.toLocaleString('zh-CN') },
            { title: '3岁以下婴幼儿数', dataIndex: 'childrenUnder3', align: 'right', render: (v: number) => v.toLocaleString('zh-CN') },
            { title: '数据来源', dataIndex: 'source' },
          ]}
        />
      )}
    </>
  );
}
