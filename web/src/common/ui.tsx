import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Space, Spin, Table, Typography, message } from 'antd';
import type { FormInstance, TableProps } from 'antd';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/client';
import { exportXlsx, type ExportColumn } from './excel';

export const NO_DATA = '暂无数据';

/** Loads data; a 404 of a route that is not deployed yet reads as "no data", never as a crash. */
export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: unknown[],
): { data: T | undefined; error: unknown; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    loadRef.current(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ data, loading: false }),
      (error: unknown) => !controller.signal.aborted && setState({ error, loading: false }),
    );
    return () => controller.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export function LoadError({ error }: { error: unknown }) {
  if (error instanceof ApiError && error.status === 404) return <Empty description={`${NO_DATA}（该功能的服务尚未上线）`} />;
  return <Alert type="error" showIcon title="加载失败" description={errorMessage(error)} />;
}

export function Loading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin description="加载中…" />
    </div>
  );
}

export function PageHeader({ title, extra, children }: { title: string; extra?: ReactNode; children?: ReactNode }) {
  return (
    <div style={{ marginBottom: 16 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Space>
      {children ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {children}
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}

export function ExportButton<T>({
  fileName,
  sheetName,
  columns,
  rows,
}: {
  fileName: string;
  sheetName?: string;
  columns: ExportColumn<T>[];
  rows: T[] | (() => Promise<T[]>);
}) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          const data = typeof rows === 'function' ? await rows() : rows;
          await exportXlsx(fileName, sheetName ?? fileName, columns, data);
          void message.success(`已导出 ${data.length} 行`);
        } catch (e) {
          void message.error(`导出失败：${errorMessage(e)}`);
        } finally {
          setBusy(false);
        }
      }}
    >
      导出 Excel
    </Button>
  );
}

/** A table with an Excel export of exactly what it shows. */
export function DataTable<T extends object>(
  props: TableProps<T> & { exportName: string; exportColumns: ExportColumn<T>[]; title?: never; heading?: ReactNode },
) {
  const { exportName, exportColumns, heading, ...tableProps } = props;
  const rows = (tableProps.dataSource ?? []) as T[];
  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <div>{heading}</div>
        <ExportButton fileName={exportName} columns={exportColumns} rows={rows} />
      </Space>
      <Table<T> size="middle" scroll={{ x: 'max-content' }} locale={{ emptyText: NO_DATA }} {...tableProps} />
    </div>
  );
}

/**
 * Puts the API's field errors (`details[].field`) on the form's fields of the same name, so the
 * message shows under the field it is about; returns the whole message for a toast.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form's values
export function showApiError(form: FormInstance<any> | null, e: unknown, aliases: Record<string, string> = {}): string {
  if (form && e instanceof ApiError && e.details?.length) {
    // A nested field (director.education) goes under its own input when the form has one, else under the top field.
    const known = new Map(form.getFieldsError().map((f) => [f.name.join('.'), f.name]));
    const fields = e.details.flatMap((d) => {
      const path = aliases[d.field] ?? d.field.replace(/\[(\d+)\]/g, '.$1');
      const name = known.get(path) ?? known.get(path.split('.')[0]!);
      return name ? [{ name, errors: [d.message] }] : [];
    });
    if (fields.length) form.setFields(fields);
  }
  return errorMessage(e);
}
