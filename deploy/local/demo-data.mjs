// Demo data for `npm start`: institutions in 西湖区 (330106), loaded once through the public API
// as the registration authorities would (市场监管 for for-profit, 民政 for non-profit).
const places = (infant, toddler, older, mixed = 0) => ({ infant, toddler, older, mixed });

/** USCC bodies (17 characters); the check character is computed at load time (GB 32100-2015). */
export const DEMO_INSTITUTIONS = [
  { name: '西湖区三墩镇小星星托育园', usccBody: '91330106MA2CDX001', nature: 'for_profit', operatorType: 'private', careForms: ['full_day', 'half_day'], divisionCode: '330106109', address: '杭州市西湖区三墩镇振华路 198 号', floor: 1, buildingAreaM2: 460, outdoorAreaM2: 90, places: places(10, 30, 40) },
  { name: '西湖区翠苑街道社区托育中心（公建民营）', usccBody: '52330106MJ9CDX002', nature: 'non_profit', operatorType: 'community', careForms: ['full_day', 'temporary'], divisionCode: '330106004', address: '杭州市西湖区翠苑街道文二西路 88 号', floor: 1, buildingAreaM2: 320, outdoorAreaM2: 60, places: places(0, 15, 20) },
  { name: '浙江某科技有限公司职工托育园（单位办托）', usccBody: '91330106MA2CDX003', nature: 'for_profit', operatorType: 'employer', careForms: ['full_day'], divisionCode: '330106015', address: '杭州市西湖区文新街道文一西路 522 号', floor: 2, buildingAreaM2: 380, outdoorAreaM2: 45, places: places(0, 15, 28) },
  { name: '西湖区蒋村街道贝贝成长托育', usccBody: '91330106MA2CDX004', nature: 'for_profit', operatorType: 'private', careForms: ['full_day', 'hourly'], divisionCode: '330106013', address: '杭州市西湖区蒋村街道五常大道 166 号', floor: 1, buildingAreaM2: 260, outdoorAreaM2: 40, places: places(5, 15, 20) },
  { name: '西湖区转塘街道之江幼儿园托班', usccBody: '52330106MJ9CDX005', nature: 'non_profit', operatorType: 'kindergarten', careForms: ['full_day'], divisionCode: '330106012', address: '杭州市西湖区转塘街道象山路 9 号', floor: 1, buildingAreaM2: 600, outdoorAreaM2: 200, places: places(0, 0, 40) },
  { name: '西湖区留下街道婴幼儿成长驿站', usccBody: '52330106MJ9CDX006', nature: 'non_profit', operatorType: 'growth_station', careForms: ['temporary', 'hourly'], divisionCode: '330106011', address: '杭州市西湖区留下街道留和路 3 号', floor: 1, buildingAreaM2: 160, outdoorAreaM2: 30, places: places(0, 10, 10) },
  { name: '西湖区古荡街道爱心家庭托育点', usccBody: '92330106MA2CDX007', nature: 'for_profit', operatorType: 'family', careForms: ['full_day'], divisionCode: '330106005', address: '杭州市西湖区古荡街道古墩路 12 号', floor: 1, buildingAreaM2: 120, outdoorAreaM2: 20, places: places(0, 0, 0, 5) },
  { name: '西湖区三墩镇橙果托育（地下室，演示不合规）', usccBody: '91330106MA2CDX008', nature: 'for_profit', operatorType: 'private', careForms: ['full_day'], divisionCode: '330106109', address: '杭州市西湖区三墩镇墩余路 55 号', floor: -1, buildingAreaM2: 180, outdoorAreaM2: 0, places: places(10, 20, 0) },
];

/** Registers each demo institution unless its USCC is already there (409 is fine: data is reused). */
export async function loadDemoData(baseUrl, password, makeUscc) {
  const token = async (username) => {
    const res = await fetch(`${baseUrl}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (!res.ok) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
    return (await res.json()).accessToken;
  };
  const tokens = { for_profit: await token('market.330106'), non_profit: await token('civil.330106') };
  let created = 0;
  for (const { usccBody, ...institution } of DEMO_INSTITUTIONS) {
    const res = await fetch(`${baseUrl}/api/v1/institutions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[institution.nature]}` },
      body: JSON.stringify({ ...institution, uscc: makeUscc(usccBody) }),
    });
    if (res.status === 201) created++;
    else if (res.status !== 409) throw new Error(`demo institution ${institution.name}: ${res.status} ${await res.text()}`);
  }
  return created;
}
