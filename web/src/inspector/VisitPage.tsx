import { CameraOutlined, CheckCircleOutlined, CloudUploadOutlined, DeleteOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Collapse, Input, Radio, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, errorMessage, NetworkError } from '../api/client';
import type { FormItem, Inspection, InspectionForm } from '../api/types';
import { useSession } from '../auth/session';
import { DEPARTMENT_LABELS, ITEM_RESULT_LABELS, SEVERITY_LABELS, dateTime, label } from '../common/labels';
import { Loading } from '../common/ui';
import { db, isPending, localPhotos, localResults, newId, saveLocalResult, type ItemResult, type LocalPhoto, type LocalResult, type SavedVisit } from './db';
import { syncNow } from './sync';
import { useOnline } from './useSyncState';

/** Fetches the visit and its form and keeps them on the phone; offline, the kept copy. */
async function openVisit(id: string): Promise<{ visit: SavedVisit; fromCache: boolean }> {
  const d = await db();
  try {
    const [inspection, form] = await Promise.all([api<Inspection>(`/api/v1/inspections/${id}`), api<InspectionForm>(`/api/v1/inspections/${id}/form`)]);
    const visit: SavedVisit = { id, inspection, form, savedAt: new Date().toISOString() };
    await d.put('visits', visit);
    return { visit, fromCache: false };
  } catch (e) {
    const saved = await d.get('visits', id);
    if (saved && e instanceof NetworkError) return { visit: saved, fromCache: true };
    throw e;
  }
}

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

  const refreshLocal = useCallback(async () => {
    const [r, p, saved] = await Promise.all([localResults(id), localPhotos(id), db().then((d) => d.get('visits', id))]);
    setResults(new Map(r.map((x) => [x.itemCode, x])));
    setPhotos(new Map(p.map((x) => [x.photoId, x])));
    if (saved) setVisit(saved);
  }, [id]);

  useEffect(() => {
    openVisit(id).then(({ visit: v, fromCache: c }) => { setVisit(v); setFromCache(c); void refreshLocal(); }, (e: unknown) => setError(errorMessage(e)));
    const refresh = () => void refreshLocal();
    window.addEventListener('shanyu-sync', refresh);
    window.addEventListener('shanyu-local-change', refresh);
    return () => {
      window.removeEventListener('shanyu-sync', refresh);
      window.removeEventListener('shanyu-local-change', refresh);
    };
  }, [id, refreshLocal]);

  const myDept = session?.department ?? '';
  const myPart = visit?.inspection.departments.find((d) => d.department === myDept);
  const editable = !!visit && visit.inspection.status === 'open' && !!myPart && !myPart.signedOffAt;
  const myItems = useMemo(() => visit?.form.areas.flatMap((a) => a.items).filter((i) => i.department === myDept) ?? [], [visit, myDept]);
  const pendingHere = [...results.values()].filter(isPending);
  const unsyncedPhotos = pendingHere.flatMap((r) => r.photoIds).filter((p) => !photos.get(p)?.evidenceId).length;
  const recorded = myItems.filter((i) => results.get(i.code) || i.result).length;

  if (error) return <Alert type="error" showIcon title="无法打开检查" description={error} />;
  if (!visit) return <Loading />;

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
      <Typography.Title level={4} id="visit-title" style={{ margin: '6px 0' }}>{visit.form.institutionName}</Typography.Title>
      <Space wrap size={4} style={{ marginBottom: 8 }}>
        <Tag>{visit.inspection.scheduledOn}</Tag>
        <Tag>{visit.form.formKind === 'full' ? '完整表单' : visit.form.formKind === 'abbreviated' ? '简化表单' : '复查表单'}</Tag>
        <Tag color="blue">本部门 {recorded}/{myItems.length}</Tag>
        {myPart?.signedOffAt ? <Tag color="green">本部门已签字</Tag> : null}
      </Space>
      {fromCache || !online ? <Alert className="sync-banner" type="warning" showIcon title="离线模式：记录保存在本机，联网后自动同步" description={`表单保存于 ${dateTime(visit.savedAt)}`} /> : null}
      <div data-testid="sync-status" aria-live="polite">
        {pendingHere.length ? (
          <Alert className="sync-banner" type="info" showIcon icon={<CloudUploadOutlined />}
            title={`未同步：${pendingHere.length} 项结果${unsyncedPhotos ? `，${unsyncedPhotos} 张照片` : ''}`}
            description={
              <>
                <div>{pendingHere.map((r) => `${r.itemCode} ${label(ITEM_RESULT_LABELS, r.result)}`).join('，')}</div>
                {pendingHere.filter((r) => r.error?.rev === r.rev).map((r) => <div key={r.key} style={{ color: '#b71c1c' }}>{r.itemCode} 未被接受：{r.error!.message}</div>)}
              </>
            }
            action={online ? <Button size="small" onClick={() => void syncNow()}>立即同步</Button> : undefined} />
        ) : results.size ? <Alert className="sync-banner" type="success" showIcon title="全部记录已同步" /> : null}
      </div>
      {visit.form.selfInspection?.failed.length ? (
        <Alert className="sync-banner" type="warning" showIcon title={`机构自查发现 ${visit.form.selfInspection.failed.length} 项问题`} description={visit.form.selfInspection.failed.map((f) => f.itemCode).join('、')} />
      ) : null}
      {!myPart ? <Alert className="sync-banner" type="info" showIcon title="本部门不参加此次检查，表单只读" /> : null}
      <Collapse
        defaultActiveKey={visit.form.areas.filter((a) => a.items.some((i) => i.department === myDept)).map((a) => a.area)}
        items={visit.form.areas.map((area) => ({
          key: area.area,
          label: <span>{area.label}（{area.items.length}）</span>,
          children: area.items.map((item) => (
            <ItemCard key={item.code} inspectionId={id} item={item} local={results.get(item.code)} photos={photos} editable={editable && item.department === myDept} />
          )),
        }))}
      />
      {myPart && visit.inspection.status === 'open' && !myPart.signedOffAt ? (
        <Card size="small" style={{ marginTop: 12 }}>
          <Button type="primary" block size="large" icon={<CheckCircleOutlined />} loading={signing} onClick={() => void signOff()}
            disabled={!online || pendingHere.length > 0 || recorded < myItems.length}>
            本部门签字确认
          </Button>
          <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0', fontSize: 12 }}>
            {!online ? '需联网签字。' : pendingHere.length ? '请先同步全部记录。' : recorded < myItems.length ? `还有 ${myItems.length - recorded} 项未录入。` : '签字后本部门结果不可再改。'}
          </Typography.Paragraph>
        </Card>
      ) : null}
    </article>
  );
}

function ItemCard({ inspectionId, item, local, photos, editable }: { inspectionId: string; item: FormItem; local?: LocalResult; photos: Map<string, LocalPhoto>; editable: boolean }) {
  const [note, setNote] = useState(local?.note ?? item.result?.note ?? '');
  const [place, setPlace] = useState(item.category);
  useEffect(() => {
    if (local) setNote(local.note);
  }, [local?.key]);
  const result: ItemResult | undefined = local?.result ?? item.result?.result;
  const status = local ? (isPending(local) ? (local.error?.rev === local.rev ? 'error' : 'pending') : 'synced') : item.result ? 'synced' : 'none';
  const itemPhotos = (local?.photoIds ?? []).map((p) => photos.get(p)).filter((p): p is LocalPhoto => !!p);
  const serverEvidence = !local ? item.result?.evidence ?? [] : [];
  const headingId = `item-${item.code}`;

  async function addPhoto(file: File) {
    const takenAt = new Date(file.lastModified && Date.now() - file.lastModified < 86_400_000 ? file.lastModified : Date.now()).toISOString();
    const gps = await position();
    const photo: LocalPhoto = {
      photoId: newId(), inspectionId, itemCode: item.code, blob: file, name: file.name || `${item.code}.jpg`, takenAt,
      location: `${place.trim() || item.category}${gps ? `（${gps}）` : ''}`.slice(0, 200),
    };
    await saveLocalResult(inspectionId, item.code, { result: result ?? 'fail', note, addPhoto: photo });
  }

  return (
    <section aria-labelledby={headingId} style={{ borderBottom: '1px solid #eee', padding: '10px 0' }} data-testid={`item-${item.code}`} data-status={status}>
      <Space size={4} wrap>
        <Tag>{item.code}</Tag>
        <Tag color="geekblue">{label(DEPARTMENT_LABELS, item.department)}</Tag>
        {item.basic ? <Tag color="red">基本项</Tag> : null}
        <Tag>{label(SEVERITY_LABELS, item.severity)}</Tag>
        {status === 'pending' ? <Tag color="orange" data-testid="item-sync">待同步</Tag> : status === 'error' ? <Tag color="red" icon={<ExclamationCircleOutlined />} data-testid="item-sync">未被接受</Tag> : status === 'synced' ? <Tag color="green" data-testid="item-sync">已同步</Tag> : null}
      </Space>
      <div id={headingId} style={{ margin: '6px 0', fontSize: 15 }}>{item.text}</div>
      <div style={{ fontSize: 12, color: '#666', marginBottom: 6 }}>依据：{item.legalBasis}</div>
      {item.previousFinding ? <Alert type="warning" showIcon title={`上次检查问题：${item.previousFinding}`} style={{ marginBottom: 6 }} /> : null}
      {editable ? (
        <>
          <Radio.Group
            aria-labelledby={headingId}
            optionType="button" buttonStyle="solid" size="large" value={result}
            onChange={(e) => void saveLocalResult(inspectionId, item.code, { result: e.target.value as ItemResult, note })}
            options={[{ value: 'pass', label: '符合' }, { value: 'fail', label: '不符合' }, { value: 'not_applicable', label: '不适用' }]}
          />
          <Input.TextArea
            aria-label={`${item.code} 问题描述`}
            placeholder={result === 'fail' ? '问题描述（必填，写入整改意见书）' : '备注（选填）'}
            status={result === 'fail' && !note.trim() ? 'warning' : undefined}
            style={{ marginTop: 8 }} rows={2} maxLength={1000} value={note}
            onChange={(e) => setNote(e.target.value)}
            onBlur={() => { if (result && note !== (local?.note ?? '')) void saveLocalResult(inspectionId, item.code, { result, note }); }}
          />
          <Space style={{ marginTop: 8 }} wrap>
            <Input aria-label={`${item.code} 拍摄位置`} size="small" style={{ width: 180 }} value={place} onChange={(e) => setPlace(e.target.value)} placeholder="拍摄位置" />
            <label className="ant-btn ant-btn-default ant-btn-sm" style={{ display: 'inline-flex', alignItems: 'center', gap: 4, cursor: 'pointer' }}>
              <CameraOutlined /> 拍照取证
              <input type="file" accept="image/*" capture="environment" className="sr-only" aria-label={`${item.code} 拍照取证`}
                onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void addPhoto(f); }} />
            </label>
          </Space>
        </>
      ) : (
        <div>结果：{result ? label(ITEM_RESULT_LABELS, result) : '未录入'}{(local?.note ?? item.result?.note) ? `（${local?.note ?? item.result?.note}）` : ''}</div>
      )}
      {itemPhotos.length || serverEvidence.length ? (
        <Space wrap style={{ marginTop: 8 }}>
          {itemPhotos.map((p) => <Thumb key={p.photoId} photo={p} onRemove={editable ? () => void saveLocalResult(inspectionId, item.code, { removePhotoId: p.photoId }) : undefined} />)}
          {serverEvidence.map((e) => <Tag key={e.ref} icon={<CameraOutlined />}>{e.location} {dateTime(e.takenAt)}</Tag>)}
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
      {url ? <img src={url} alt={`取证照片：${photo.location}`} style={{ width: 92, height: 92, objectFit: 'cover', borderRadius: 6, border: '1px solid #ddd' }} /> : null}
      <figcaption style={{ fontSize: 11, color: '#555' }}>
        {photo.evidenceId ? '已上传' : '待上传'} {onRemove ? <Button size="small" type="text" icon={<DeleteOutlined />} aria-label="删除照片" onClick={onRemove} /> : null}
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
      (p) => { clearTimeout(timer); resolve(`${p.coords.latitude.toFixed(5)},${p.coords.longitude.toFixed(5)}`); },
      () => { clearTimeout(timer); resolve(null); },
      { maximumAge: 60_000, timeout: 2_000 },
    );
  });
}

