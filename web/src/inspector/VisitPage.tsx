import { CameraOutlined, CheckCircleOutlined, CloudUploadOutlined, DeleteOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Collapse, Input, Radio, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, errorMessage, NetworkError } from '../api/client';
import type { FormItem, Inspection, InspectionForm, ResultVersion } from '../api/types';
import { currentSession, useSession } from '../auth/session';
import { DEPARTMENT_LABELS, ITEM_RESULT_LABELS, SEVERITY_LABELS, label, shanghaiMinute } from '../common/labels';
import { ConflictCompare, EvidencePhoto, versionsPath } from '../common/result-versions';
import { Loading } from '../common/ui';
import { db, isPending, localPhotos, localResults, newId, saveLocalResult, type ItemResult, type LocalPhoto, type LocalResult, type SavedVisit } from './db';
import { itemStanding, SYNC_TAGS } from './item-state';
import { myInspectorId } from './prefetch';
import { syncNow } from './sync';
import { useOnline } from './useSyncState';

/** Asks the server what the department decided about this phone's late results, and keeps the answer. */
async function checkLateDecisions(id: string): Promise<void> {
  const d = await db();
  const waiting = (await localResults(id)).filter((r) => !isPending(r) && r.outcome?.rev === r.rev && r.outcome.status === 'late' && !r.outcome.decision);
  for (const r of waiting) {
    const versions = await api<ResultVersion[]>(versionsPath(id, r.itemCode));
    const mine = versions.find((v) => v.id === r.outcome!.versionId);
    if (mine?.status !== 'accepted' && mine?.status !== 'rejected') continue;
    const current = await d.get('results', r.key);
    if (current?.outcome?.versionId === mine.id) await d.put('results', { ...current, outcome: { ...current.outcome, decision: mine.status } });
    window.dispatchEvent(new Event('shanyu-sync'));
  }
}

/** Fetches the visit and its form and keeps them on the phone; offline, the kept copy. */
async function openVisit(id: string): Promise<{ visit: SavedVisit; fromCache: boolean }> {
  const d = await db();
  const started = new Date().toISOString();
  try {
    const [inspection, form] = await Promise.all([api<Inspection>(`/api/v1/inspections/${id}`), api<InspectionForm>(`/api/v1/inspections/${id}/form`)]);
    const kept = await d.get('visits', id);
    // A sync that finished meanwhile saved a newer form than the one fetched here.
    const visit: SavedVisit = kept && kept.savedAt > started ? { ...kept, inspection } : { id, inspection, form, savedAt: new Date().toISOString() };
    await d.put('visits', visit);
    return { visit, fromCache: false };
  } catch (e) {
    const saved = await d.get('visits', id);
    if (saved && e instanceof NetworkError) return { visit: saved, fromCache: true };
    throw e;
  }
}

/** How often an open visit reads the record again while online. */
const REREAD_MS = 8_000;

export function VisitPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const online = useOnline();
  const { message } = App.useApp();
  const [visit, setVisit] = useState<SavedVisit | null>(null);
  const [fromCache, setFromCache] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<Map<string, LocalResult>>(new Map());
  const [photos, setPhotos] = useState<Map<string, LocalPhoto>>(new Map());
  const [signing, setSigning] = useState(false);
  const [me, setMe] = useState<string | null | undefined>(undefined);

  // Refreshes overlap (a sync, a local change, a re-read): only the latest one started may set the state.
  const refreshes = useRef(0);
  const refreshLocal = useCallback(async () => {
    const mine = ++refreshes.current;
    const [r, p, saved] = await Promise.all([localResults(id), localPhotos(id), db().then((d) => d.get('visits', id))]);
    if (mine !== refreshes.current) return;
    setResults(new Map(r.map((x) => [x.itemCode, x])));
    setPhotos(new Map(p.map((x) => [x.photoId, x])));
    if (saved) setVisit(saved);
  }, [id]);

  useEffect(() => {
    openVisit(id).then(
      ({ visit: v, fromCache: c }) => {
        setVisit(v);
        setFromCache(c);
        void refreshLocal();
      },
      (e: unknown) => setError(errorMessage(e)),
    );
    void myInspectorId(currentSession()).then(setMe);
    const refresh = () => void refreshLocal();
    window.addEventListener('shanyu-sync', refresh);
    window.addEventListener('shanyu-local-change', refresh);
    return () => {
      window.removeEventListener('shanyu-sync', refresh);
      window.removeEventListener('shanyu-local-change', refresh);
    };
  }, [id, refreshLocal]);

  // Online, the record is read again now and then: another inspector's value, a conflict decided, a late result decided, a sign-off.
  useEffect(() => {
    if (!online) return;
    const reread = () => {
      openVisit(id).then(
        ({ visit: v, fromCache: c }) => {
          setVisit(v);
          setFromCache(c);
          void refreshLocal();
        },
        () => void refreshLocal(),
      );
      checkLateDecisions(id).catch(() => undefined);
    };
    reread();
    const timer = window.setInterval(reread, REREAD_MS);
    return () => window.clearInterval(timer);
  }, [id, online, refreshLocal]);

  const myDept = session?.department ?? '';
  const myPart = visit?.inspection.departments.find((d) => d.department === myDept);
  // The service lets an inspector account read only the visits it is assigned to; an official is assigned through its register entry.
  const assigned = !!myPart && (session?.role === 'inspector' || (!!me && myPart.inspectors.some((i) => i.id === me)));
  const editable = !!visit && visit.inspection.status === 'open' && assigned && !myPart?.signedOffAt;
  const inConflict = visit?.form.areas.flatMap((a) => a.items).filter((i) => i.department === myDept && i.result?.inConflict) ?? [];
  const myItems = useMemo(() => visit?.form.areas.flatMap((a) => a.items).filter((i) => i.department === myDept) ?? [], [visit, myDept]);
  const pendingHere = [...results.values()].filter(isPending);
  const unsyncedPhotos = pendingHere.flatMap((r) => r.photoIds).filter((p) => !photos.get(p)?.evidenceId).length;
  const formItems = new Map(visit?.form.areas.flatMap((a) => a.items).map((i) => [i.code, i]) ?? []);
  // Sent, but the record does not simply hold this phone's value: in conflict, late, or not what the record shows.
  const unsettled = [...results.values()]
    .map((r) => [r.itemCode, itemStanding(r, formItems.get(r.itemCode)?.result).state] as const)
    .filter((e): e is readonly [string, 'conflict' | 'late' | 'unconfirmed'] => e[1] === 'conflict' || e[1] === 'late' || e[1] === 'unconfirmed');
  const recorded = myItems.filter((i) => results.get(i.code) || i.result).length;

  if (error) return <Alert type="error" showIcon title="无法打开检查" description={error} />;
  if (!visit) return <Loading />;

  async function keepForm(form: InspectionForm) {
    const d = await db();
    const kept = await d.get('visits', id);
    if (kept) await d.put('visits', { ...kept, form, savedAt: new Date().toISOString() });
    window.dispatchEvent(new Event('shanyu-sync'));
  }

  async function signOff() {
    setSigning(true);
    try {
      await api(`/api/v1/inspections/${id}/sign-off`, { method: 'POST', body: {} });
      void message.success('本部门已签字确认');
      const fresh = await openVisit(id);
      setVisit(fresh.visit);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setSigning(false);
    }
  }

  return (
    <article aria-labelledby="visit-title">
      <Link to="/inspector">← 任务列表</Link>
      <Typography.Title level={4} id="visit-title" style={{ margin: '6px 0' }}>
        {visit.form.institutionName}
      </Typography.Title>
      <Space wrap size={4} style={{ marginBottom: 8 }}>
        <Tag>{visit.inspection.scheduledOn}</Tag>
        <Tag>{visit.form.formKind === 'full' ? '完整表单' : visit.form.formKind === 'abbreviated' ? '简化表单' : '复查表单'}</Tag>
        <Tag color="blue">
          本部门 {recorded}/{myItems.length}
        </Tag>
        {myPart?.signedOffAt ? <Tag color="green">本部门已签字</Tag> : null}
      </Space>
      {!online ? (
        <Alert
          className="sync-banner"
          type="warning"
          showIcon
          title="离线模式：记录保存在本机，联网后自动同步"
          description={fromCache ? `表单保存于 ${shanghaiMinute(visit.savedAt)}` : undefined}
          data-testid="offline-banner"
        />
      ) : null}
      <div data-testid="sync-status" aria-live="polite">
        {pendingHere.length ? (
          <Alert
            className="sync-banner"
            type="info"
            showIcon
            icon={<CloudUploadOutlined />}
            title={`未同步：${pendingHere.length} 项结果${unsyncedPhotos ? `，${unsyncedPhotos} 张照片` : ''}`}
            description={
              <>
                <div>{pendingHere.map((r) => `${r.itemCode} ${label(ITEM_RESULT_LABELS, r.result)}`).join('，')}</div>
                {pendingHere
                  .filter((r) => r.error?.rev === r.rev)
                  .map((r) => (
                    <div key={r.key} style={{ color: '#b71c1c' }}>
                      {r.itemCode} 未被接受：{r.error!.message}
                    </div>
                  ))}
              </>
            }
            action={
              online ? (
                <Button size="small" onClick={() => void syncNow()}>
                  立即同步
                </Button>
              ) : undefined
            }
          />
        ) : unsettled.length ? (
          <Alert
            className="sync-banner"
            type="warning"
            showIcon
            title={`已送达，${unsettled.length} 项待处理`}
            description={unsettled.map(([code, state]) => `${code} ${SYNC_TAGS[state].text}`).join('，')}
          />
        ) : results.size ? (
          <Alert className="sync-banner" type="success" showIcon title="全部记录已同步" />
        ) : null}
      </div>
      {visit.form.selfInspection?.failed.length ? (
        <Alert
          className="sync-banner"
          type="warning"
          showIcon
          title={`机构自查发现 ${visit.form.selfInspection.failed.length} 项问题`}
          description={visit.form.selfInspection.failed.map((f) => f.itemCode).join('、')}
        />
      ) : null}
      {!myPart ? (
        <Alert className="sync-banner" type="info" showIcon title="本部门不参加此次检查，表单只读" />
      ) : me !== undefined && !assigned ? (
        <Alert className="sync-banner" type="info" showIcon title="您未被分派此次检查，表单只读" data-testid="not-assigned" />
      ) : null}
      {inConflict.length ? (
        <Alert
          className="sync-banner"
          type="error"
          showIcon
          title={`${inConflict.length} 项结果有冲突，须由检查人员或部门处理后才能签字`}
          description={inConflict.map((i) => i.code).join('、')}
        />
      ) : null}
      <Collapse
        defaultActiveKey={visit.form.areas.filter((a) => a.items.some((i) => i.department === myDept)).map((a) => a.area)}
        items={visit.form.areas.map((area) => ({
          key: area.area,
          label: (
            <span>
              {area.label}（{area.items.length}）
            </span>
          ),
          children: area.items.map((item) => (
            <ItemCard
              key={item.code}
              inspectionId={id}
              item={item}
              local={results.get(item.code)}
              photos={photos}
              editable={editable && item.department === myDept}
              canResolve={assigned && online && visit.inspection.status === 'open' && item.department === myDept}
              onResolved={(form) => void keepForm(form)}
            />
          )),
        }))}
      />
      {myPart && visit.inspection.status === 'open' && !myPart.signedOffAt ? (
        <Card size="small" style={{ marginTop: 12 }}>
          <Button
            type="primary"
            block
            size="large"
            icon={<CheckCircleOutlined />}
            loading={signing}
            onClick={() => void signOff()}
            disabled={!online || !assigned || pendingHere.length > 0 || inConflict.length > 0 || recorded < myItems.length}
          >
            本部门签字确认
          </Button>
          <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0', fontSize: 12 }}>
            {!online
              ? '需联网签字。'
              : !assigned
                ? '仅分派的检查人员可签字。'
                : pendingHere.length
                  ? '请先同步全部记录。'
                  : inConflict.length
                    ? '请先处理有冲突的事项。'
                    : recorded < myItems.length
                      ? `还有 ${myItems.length - recorded} 项未录入。`
                      : '签字后本部门结果不可再改。'}
          </Typography.Paragraph>
        </Card>
      ) : null}
    </article>
  );
}

function ItemCard({
  inspectionId,
  item,
  local,
  photos,
  editable,
  canResolve,
  onResolved,
}: {
  inspectionId: string;
  item: FormItem;
  local?: LocalResult;
  photos: Map<string, LocalPhoto>;
  editable: boolean;
  canResolve: boolean;
  onResolved: (form: InspectionForm) => void;
}) {
  const held = item.result;
  const standing = itemStanding(local, held);
  const shown = standing.shown === 'local' ? local! : standing.shown === 'server' ? { result: held!.result, note: held!.note ?? '' } : undefined;
  const [note, setNote] = useState(shown?.note ?? '');
  // A note being typed is the inspector's: a refresh that lands meanwhile (e.g. of the result just tapped) must not wipe it.
  const typing = useRef(false);
  const [place, setPlace] = useState(item.category);
  useEffect(() => {
    if (shown && !typing.current) setNote(shown.note);
  }, [local?.key, local?.rev, standing.shown, held?.version]);
  const result: ItemResult | undefined = shown?.result;
  const status = standing.state;
  const tag = status === 'none' ? null : SYNC_TAGS[status];
  const itemPhotos = standing.shown === 'local' ? (local?.photoIds ?? []).map((p) => photos.get(p)).filter((p): p is LocalPhoto => !!p) : [];
  const serverEvidence = standing.shown === 'server' ? (held?.evidence ?? []) : [];
  const headingId = `item-${item.code}`;
  const canEdit = editable && status !== 'conflict';

  async function addPhoto(file: File) {
    const takenAt = new Date(file.lastModified && Date.now() - file.lastModified < 86_400_000 ? file.lastModified : Date.now()).toISOString();
    const gps = await position();
    const photo: LocalPhoto = {
      photoId: newId(),
      inspectionId,
      itemCode: item.code,
      blob: file,
      name: file.name || `${item.code}.jpg`,
      takenAt,
      location: `${place.trim() || item.category}${gps ? `（${gps}）` : ''}`.slice(0, 200),
    };
    await saveLocalResult(inspectionId, item.code, { result: result ?? 'fail', note, addPhoto: photo });
  }

  return (
    <section
      aria-labelledby={headingId}
      style={{ borderBottom: '1px solid #eee', padding: '10px 0' }}
      data-testid={`item-${item.code}`}
      data-status={status}
      data-result={result ?? ''}
    >
      <Space size={4} wrap>
        <Tag>{item.code}</Tag>
        <Tag color="geekblue">{label(DEPARTMENT_LABELS, item.department)}</Tag>
        {item.basic ? <Tag color="red">基本项</Tag> : null}
        <Tag>{label(SEVERITY_LABELS, item.severity)}</Tag>
        {tag ? (
          <Tag color={tag.color} icon={status === 'refused' || status === 'conflict' ? <ExclamationCircleOutlined /> : undefined} data-testid="item-sync">
            {tag.text}
          </Tag>
        ) : null}
      </Space>
      <div id={headingId} style={{ margin: '6px 0', fontSize: 15 }}>
        {item.text}
      </div>
      <div style={{ fontSize: 12, color: '#666', marginBottom: 6 }}>依据：{item.legalBasis}</div>
      {item.previousFinding ? <Alert type="warning" showIcon title={`上次检查问题：${item.previousFinding}`} style={{ marginBottom: 6 }} /> : null}
      {status === 'late' ? (
        <Alert
          type="warning"
          showIcon
          title="本部门签字后才送达：记录已保存，等待部门决定是否补正"
          description={local?.outcome?.message || undefined}
          style={{ marginBottom: 6 }}
        />
      ) : null}
      {status === 'rejected' ? (
        <Alert
          type="info"
          showIcon
          title={`部门未采纳此记录${held ? `，记录为：${label(ITEM_RESULT_LABELS, held.result)}` : ''}`}
          style={{ marginBottom: 6 }}
        />
      ) : null}
      {status === 'unconfirmed' ? (
        <Alert type="warning" showIcon title="服务器已收到，但记录中的结果与本机不同，请刷新核对" style={{ marginBottom: 6 }} />
      ) : null}
      {standing.replaced && local ? (
        <Alert
          type="info"
          showIcon
          title={`记录已更新为：${label(ITEM_RESULT_LABELS, held?.result)}（本机原记录：${label(ITEM_RESULT_LABELS, local.result)}）`}
          style={{ marginBottom: 6 }}
        />
      ) : null}
      {status === 'refused' && local?.error ? <Alert type="error" showIcon title={`未被接受：${local.error.message}`} style={{ marginBottom: 6 }} /> : null}
      {status === 'conflict' ? (
        <ConflictCompare key={held?.version ?? 0} inspectionId={inspectionId} itemCode={item.code} canResolve={canResolve} onResolved={onResolved} />
      ) : null}
      {canEdit ? (
        <>
          <Radio.Group
            aria-labelledby={headingId}
            optionType="button"
            buttonStyle="solid"
            size="large"
            value={result}
            onChange={(e) => void saveLocalResult(inspectionId, item.code, { result: e.target.value as ItemResult, note })}
            options={[
              { value: 'pass', label: '符合' },
              { value: 'fail', label: '不符合' },
              { value: 'not_applicable', label: '不适用' },
            ]}
          />
          <Input.TextArea
            aria-label={`${item.code} 问题描述`}
            placeholder={result === 'fail' ? '问题描述（必填，写入整改意见书）' : '备注（选填）'}
            status={result === 'fail' && !note.trim() ? 'warning' : undefined}
            style={{ marginTop: 8 }}
            rows={2}
            maxLength={1000}
            value={note}
            onChange={(e) => {
              typing.current = true;
              setNote(e.target.value);
            }}
            onBlur={() => {
              typing.current = false;
              if (result && note !== (shown?.note ?? '')) void saveLocalResult(inspectionId, item.code, { result, note });
            }}
          />
          <Space style={{ marginTop: 8 }} wrap>
            <Input
              aria-label={`${item.code} 拍摄位置`}
              size="small"
              style={{ width: 180 }}
              value={place}
              onChange={(e) => setPlace(e.target.value)}
              placeholder="拍摄位置"
            />
            <label className="ant-btn ant-btn-default ant-btn-sm" style={{ display: 'inline-flex', alignItems: 'center', gap: 4, cursor: 'pointer' }}>
              <CameraOutlined /> 拍照取证
              <input
                type="file"
                accept="image/*"
                capture="environment"
                className="sr-only"
                aria-label={`${item.code} 拍照取证`}
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  e.target.value = '';
                  if (f) void addPhoto(f);
                }}
              />
            </label>
          </Space>
        </>
      ) : (
        <div data-testid="item-value">
          {standing.shown === 'local' && status !== 'accepted' ? '本机记录' : '结果'}：{result ? label(ITEM_RESULT_LABELS, result) : '未录入'}
          {shown?.note ? `（${shown.note}）` : ''}
        </div>
      )}
      {itemPhotos.length || serverEvidence.length ? (
        <Space wrap style={{ marginTop: 8 }}>
          {itemPhotos.map((p) => (
            <Thumb
              key={p.photoId}
              photo={p}
              onRemove={canEdit ? () => void saveLocalResult(inspectionId, item.code, { removePhotoId: p.photoId }) : undefined}
            />
          ))}
          {serverEvidence.map((e) => (
            <EvidencePhoto key={e.ref} evidence={e} />
          ))}
        </Space>
      ) : null}
    </section>
  );
}

function Thumb({ photo, onRemove }: { photo: LocalPhoto; onRemove?: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const u = URL.createObjectURL(photo.blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [photo.blob]);
  return (
    <figure style={{ margin: 0, width: 92 }} data-testid="photo" data-synced={photo.evidenceId ? 'yes' : 'no'}>
      {url ? (
        <img src={url} alt={`取证照片：${photo.location}`} style={{ width: 92, height: 92, objectFit: 'cover', borderRadius: 6, border: '1px solid #ddd' }} />
      ) : null}
      <figcaption style={{ fontSize: 11, color: '#555' }}>
        {photo.evidenceId ? '已上传' : '待上传'}{' '}
        {onRemove ? <Button size="small" type="text" icon={<DeleteOutlined />} aria-label="删除照片" onClick={onRemove} /> : null}
      </figcaption>
    </figure>
  );
}

/** "30.29,120.07" from the phone's GPS when allowed, within 2 s; else nothing. */
function position(): Promise<string | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 2_000);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        clearTimeout(timer);
        resolve(`${p.coords.latitude.toFixed(5)},${p.coords.longitude.toFixed(5)}`);
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
      { maximumAge: 60_000, timeout: 2_000 },
    );
  });
}
