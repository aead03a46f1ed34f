import { randomUUID } from 'node:crypto';
import type { Department, JsonLogger, Role } from '@shanyu/common';
import { hash } from '@node-rs/argon2';
import type { DataSource } from 'typeorm';
import { UserAccountRepository } from './user-account.repository.js';

interface DemoAccount {
  username: string;
  department: Department;
  role: Role;
  divisions: string[];
  displayName: string;
}

/** One account per department, named `<department>.<division code>` so the name says whose and where (README: demo accounts). */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'health.330106', department: 'health', role: 'official', divisions: ['330106'], displayName: '西湖区卫生健康局' },
  { username: 'market.330106', department: 'market', role: 'official', divisions: ['330106'], displayName: '西湖区市场监督管理局' },
  { username: 'civil.330106', department: 'civil', role: 'official', divisions: ['330106'], displayName: '西湖区民政局' },
  { username: 'fire.330106', department: 'fire', role: 'official', divisions: ['330106'], displayName: '西湖区消防救援大队' },
  { username: 'police.330106', department: 'police', role: 'official', divisions: ['330106'], displayName: '杭州市公安局西湖区分局' },
  { username: 'education.330106', department: 'education', role: 'official', divisions: ['330106'], displayName: '西湖区教育局' },
  { username: 'hrss.330106', department: 'hrss', role: 'official', divisions: ['330106'], displayName: '西湖区人力资源和社会保障局' },
  { username: 'street.330106109', department: 'street', role: 'official', divisions: ['330106109'], displayName: '三墩镇人民政府' },
  { username: 'finance.330106', department: 'finance', role: 'official', divisions: ['330106'], displayName: '西湖区财政局' },
  { username: 'health.371002', department: 'health', role: 'official', divisions: ['371002'], displayName: '威海市环翠区卫生健康局' },
  { username: 'market.371002', department: 'market', role: 'official', divisions: ['371002'], displayName: '威海市环翠区市场监督管理局' },
  { username: 'operator.demo', department: 'operator', role: 'operator', divisions: ['330106'], displayName: '演示举办者' },
  { username: 'admin', department: 'admin', role: 'admin', divisions: [], displayName: '平台管理员' },
  // 执法人员 (role inspector) for joint inspections: linked to the inspection service's inspector records by username.
  { username: 'fire.inspector1', department: 'fire', role: 'inspector', divisions: ['330106'], displayName: '西湖区消防救援大队 执法人员 王磊' },
  { username: 'fire.inspector2', department: 'fire', role: 'inspector', divisions: ['330106'], displayName: '西湖区消防救援大队 执法人员 陈静' },
  { username: 'market.inspector1', department: 'market', role: 'inspector', divisions: ['330106'], displayName: '西湖区市场监督管理局 执法人员 李娜' },
  { username: 'market.inspector2', department: 'market', role: 'inspector', divisions: ['330106'], displayName: '西湖区市场监督管理局 执法人员 周强' },
  { username: 'health.inspector1', department: 'health', role: 'inspector', divisions: ['330106'], displayName: '西湖区卫生健康局 执法人员 张敏' },
  { username: 'health.inspector2', department: 'health', role: 'inspector', divisions: ['330106'], displayName: '西湖区卫生健康局 执法人员 刘洋' },
  { username: 'street.inspector1', department: 'street', role: 'inspector', divisions: ['330106109'], displayName: '三墩镇综合行政执法队 执法人员 赵勇' },
  { username: 'street.inspector2', department: 'street', role: 'inspector', divisions: ['330106109'], displayName: '三墩镇综合行政执法队 执法人员 孙丽' },
];

/**
 * Creates the demo accounts (demo mode) with the configured password, or removes every demo
 * account (production mode) so a demo database never opens a production door.
 */
export class DemoAccounts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: JsonLogger,
  ) {}

  async ensure(password: string): Promise<string[]> {
    const accounts = new UserAccountRepository(this.dataSource.manager);
    const passwordHash = await hash(password);
    for (const account of DEMO_ACCOUNTS) {
      const existing = await accounts.byUsername(account.username);
      if (existing) {
        await accounts.update(existing.id, {
          passwordHash,
          department: account.department,
          role: account.role,
          divisions: account.divisions,
          active: true,
          demo: true,
        });
      } else {
        await accounts.insert({ id: randomUUID(), ...account, passwordHash, active: true, demo: true });
      }
    }
    this.logger.info('demo accounts ready', { accounts: DEMO_ACCOUNTS.map((a) => a.username) });
    return DEMO_ACCOUNTS.map((a) => a.username);
  }

  async removeAll(): Promise<number> {
    return new UserAccountRepository(this.dataSource.manager).deleteDemo();
  }
}
