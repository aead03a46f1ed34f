/** Chinese names of the departments, for messages and documents. */
export const DEPARTMENT_LABELS: Record<string, string> = {
  health: '卫生健康',
  market: '市场监管',
  fire: '消防救援',
  police: '公安',
  education: '教育',
  hrss: '人力社保',
  civil: '民政',
  street: '镇街',
  admin: '平台管理',
  finance: '财政',
  operator: '举办者',
};

export const labelOf = (department: string) => DEPARTMENT_LABELS[department] ?? department;
