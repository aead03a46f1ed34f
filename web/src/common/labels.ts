// Chinese labels of the API's English codes.

export const DEPARTMENT_LABELS: Record<string, string> = {
  health: '卫生健康',
  market: '市场监管',
  civil: '民政',
  fire: '消防救援',
  police: '公安',
  education: '教育',
  hrss: '人力社保',
  street: '镇街',
  finance: '财政',
  operator: '举办者',
  admin: '平台管理员',
};

/** The departments that inspect childcare institutions (the street office's 综合执法 included), in the order forms list them. */
export const INSPECTING_DEPARTMENTS: readonly string[] = ['fire', 'market', 'health', 'police', 'education', 'hrss', 'civil', 'street'];

export const CARE_FORM_LABELS: Record<string, string> = { full_day: '全日托', half_day: '半日托', temporary: '临时托', hourly: '计时托' };

export const OPERATOR_TYPE_LABELS: Record<string, string> = {
  community: '社区（公建民营）',
  employer: '单位办托',
  private: '社会兴办',
  kindergarten: '幼儿园托班',
  family: '家庭托育点',
  growth_station: '成长驿站',
};

export const INSTITUTION_STATUS_LABELS: Record<string, string> = {
  registered: '已登记',
  filing_submitted: '备案审核中',
  filed: '已备案',
  filing_rejected: '备案未通过',
  deregistered: '已注销',
};

export const FILING_STATUS_LABELS: Record<string, string> = { submitted: '待审核', approved: '已通过', rejected: '未通过' };

/** 规则层级 of a rule document's jurisdiction. */
export const JURISDICTION_LEVEL_LABELS: Record<string, string> = { national: '国家', province: '省级', city: '市级', county: '区县', street: '街道（乡镇）' };

export const CHECK_OUTCOME_LABELS: Record<string, string> = { pass: '符合', fail: '不符合', needs_review: '需人工核实' };

export const ITEM_RESULT_LABELS: Record<string, string> = { pass: '符合', fail: '不符合', not_applicable: '不适用' };

export const FINDING_STATUS_LABELS: Record<string, string> = { open: '待整改', reported: '已报告整改', corrected: '已整改', not_corrected: '未整改' };

export const SEVERITY_LABELS: Record<string, string> = { minor: '一般', major: '较重', critical: '严重' };

export const INSPECTION_KIND_LABELS: Record<string, string> = { planned: '双随机', adhoc: '专项', complaint: '投诉核查', reinspection: '复查' };

export const COMPLAINT_STATUS_LABELS: Record<string, string> = { received: '已接收', accepted: '已受理', rejected: '不予受理', closed: '已办结' };

export const COMPLAINT_CATEGORY_LABELS: Record<string, string> = {
  safety: '安全',
  fire: '消防',
  food: '食品',
  health: '卫生保健',
  fees: '收费',
  abuse: '虐待伤害',
  staff: '从业人员',
  security: '安防',
  other: '其他',
};

/** 严重失信主体名单认定 through its procedure (ListingView.status). */
export const LISTING_STATUS_LABELS: Record<string, string> = {
  notified: '已告知（待决定）',
  listed: '公示中',
  not_listed: '不予列入',
  removed: '已移出（信用修复）',
  expired: '公示期满',
};

export const label = (map: Record<string, string>, key: string | null | undefined): string => (key ? (map[key] ?? key) : '—');

export const yuan = (fen: number | null | undefined): string =>
  fen === null || fen === undefined ? '—' : `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export const dateTime = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });
};

/** 2026-12-06 23:04, in Asia/Shanghai whatever the browser's zone. */
export const shanghaiMinute = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
};

/** Today in Asia/Shanghai (YYYY-MM-DD), whatever the browser's zone: the day the API's dates are counted in. */
export const shanghaiToday = (): string => shanghaiMinute(new Date().toISOString()).slice(0, 10);

/** The Asia/Shanghai day of an instant. */
export const shanghaiDate = (iso: string | null | undefined): string => (iso ? shanghaiMinute(iso).slice(0, 10) : '—');

export const RESULT_VERSION_STATUS_LABELS: Record<string, string> = {
  current: '记录值',
  superseded: '已被更新',
  conflict: '冲突待定',
  late: '逾时待定',
  resolved: '已裁决',
  accepted: '已采纳（补正）',
  rejected: '已拒绝',
};

export const CHECKLIST_KIND_LABELS: Record<string, string> = { inspection: '行政检查事项清单', penalty: '行政处罚事项清单', discretion: '行政处罚裁量基准' };
