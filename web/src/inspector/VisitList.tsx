import { Alert, Card, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError, NetworkError } from '../api/client';
import type { Inspection, Page } from '../api/types';
import { currentSession } from '../auth/session';
import { DEPARTMENT_LABELS, INSPECTION_KIND_LABELS, label } from '../common/labels';
import { Loading, NO_DATA } from '../common/ui';
import { db } from './db';
import { myInspectorId, prefetchVisits, savedVisitIds } from './prefetch';
import { usePending } from './useSyncState';

/** Assigned open inspections: from the server when online (kept on the phone), else the kept list. */
async function loadAssigned(): Promise<{ items: Inspection[]; savedAt: string; offline: boolean }> {
  const session = currentSession();
  const d = await db();
  try {
    const page = await api<Page<Inspection>>('/api/v1/inspections', { query: { status: 'open', pageSize: 200 } });
    // Without a register entry (none linked, no register): the department's inspections.
    const mine = await myInspectorId(session);
    const items = page.items.filter((i) =>
      i.departments.some((dep) => dep.department === session?.department && (!mine || dep.inspectors.some((x) => x.id === mine))),
    );
    const saved = { key: `assigned:${session?.userId}`, items, savedAt: new Date().toISOString() };
    await d.put('lists', saved);
    return { ...saved, offline: false };
  } catch (e) {
    // The inspection service not deployed yet: nothing assigned (the page says so).
    if (e instanceof ApiError && e.status === 404) return { items: [], savedAt: '', offline: false };
    if (!(e instanceof NetworkError)) throw e;
    const saved = await d.get('lists', `assigned:${session?.userId}`);
    return { items: saved?.items ?? [], savedAt: saved?.savedAt ?? '', offline: true };
  }
}

export function VisitList() {
  const [state, setState] = useState<{ items: Inspection[]; savedAt: string; offline: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [scope, setScope] = useState<'today' | 'all'>('all');
  const pending = usePending();
  const [offlineReady, setOfflineReady] = useState<Set<string>>(new Set());
  useEffect(() => {
    let alive = true;
    const ready = (id: string) => alive && setOfflineReady((cur) => new Set(cur).add(id));
    void savedVisitIds().then((ids) => alive && setOfflineReady(ids));
    loadAssigned().then(
      (loaded) => {
        if (!alive) return;
        setState(loaded);
        // Every assigned visit's form is kept on the phone, so it opens in a basement too.
        if (!loaded.offline) void prefetchVisits(loaded.items, ready);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      alive = false;
    };
  }, []);
  if (error) return <Alert type="error" showIcon title="加载失败" description={error} />;
  if (!state) return <Loading />;
  const today = dayjs().format('YYYY-MM-DD');
  const items = [...state.items].sort((a, b) => a.scheduledOn.localeCompare(b.scheduledOn)).filter((i) => scope === 'all' || i.scheduledOn <= today);
  const pendingBy = new Map<string, number>();
  for (const r of pending.results) pendingBy.set(r.inspectionId, (pendingBy.get(r.inspectionId) ?? 0) + 1);
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 4 }}>
        我的检查任务
      </Typography.Title>
      {state.offline ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="离线：显示上次同步的任务"
          description={state.savedAt ? `保存于 ${dayjs(state.savedAt).format('MM-DD HH:mm')}` : undefined}
        />
      ) : null}
      <Segmented
        block
        value={scope}
        onChange={(v) => setScope(v as 'today' | 'all')}
        options={[
          { value: 'today', label: '今日及逾期' },
          { value: 'all', label: '全部待检查' },
        ]}
        style={{ marginBottom: 12 }}
      />
      {items.length === 0 ? (
        <Empty description={`${NO_DATA}：没有分派给您的检查`} />
      ) : (
        <List
          dataSource={items}
          renderItem={(i) => (
            <Card size="small" style={{ marginBottom: 10 }}>
              <Link to={`/inspector/visits/${i.id}`} style={{ fontSize: 16, fontWeight: 600 }} data-testid="visit-link">
                {i.institutionName}
              </Link>
              <div style={{ marginTop: 6 }}>
                <Space wrap size={4}>
                  <Tag color={i.scheduledOn < today ? 'red' : i.scheduledOn === today ? 'blue' : undefined}>{i.scheduledOn}</Tag>
                  <Tag>{label(INSPECTION_KIND_LABELS, i.kind)}</Tag>
                  {i.departments.map((d) => (
                    <Tag key={d.department} color={d.signedOffAt ? 'green' : undefined}>
                      {label(DEPARTMENT_LABELS, d.department)}
                    </Tag>
                  ))}
                  {pendingBy.get(i.id) ? <Tag color="orange">{pendingBy.get(i.id)} 项未同步</Tag> : null}
                  {i.alerts
                    .filter((a) => a.code === 'INSPECTION_RESULTS_IN_CONFLICT')
                    .map((a) => (
                      <Tag key={a.code + a.department} color="red" data-testid="visit-conflict" title={a.message}>
                        {label(DEPARTMENT_LABELS, a.department ?? '')}结果有冲突
                      </Tag>
                    ))}
                  {offlineReady.has(i.id) ? (
                    <Tag color="green" data-testid="offline-ready">
                      可离线
                    </Tag>
                  ) : null}
                </Space>
              </div>
            </Card>
          )}
        />
      )}
    </>
  );
}
