import { randomUUID } from 'node:crypto';
import { type Actor, DEPARTMENTS, type Department, DomainError, type FieldProblem, isDivisionCodeFormat, ROLES, type Role } from '@shanyu/common';
import type { UnitOfWork } from '@shanyu/messaging';
import { hash } from '@node-rs/argon2';
import { UserAccountRepository } from './user-account.repository.js';

export interface CreateAccountInput {
  username: string;
  department: string;
  role: string;
  divisions: string[];
  displayName: string;
  password: string;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
/** Long enough to resist guessing under the login limits; ops generate one when they give none. */
export const MIN_PASSWORD_LENGTH = 12;

/** An admin creates a person's login (the admin CLI; the first admin of a production installation). Audited. */
export class CreateAccount {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async execute(input: CreateAccountInput, actor: Actor): Promise<{ id: string; username: string }> {
    const problems: FieldProblem[] = [];
    if (!USERNAME.test(input.username))
      problems.push({ field: 'username', code: 'matches', message: '用户名须为 3–64 位小写字母、数字或 . _ -（例如 health.330106）' });
    if (!(DEPARTMENTS as readonly string[]).includes(input.department))
      problems.push({ field: 'department', code: 'isIn', message: `部门须为 ${DEPARTMENTS.join('、')} 之一` });
    if (!(ROLES as readonly string[]).includes(input.role) || input.role === 'system')
      problems.push({ field: 'role', code: 'isIn', message: `角色须为 ${ROLES.filter((r) => r !== 'system').join('、')} 之一` });
    input.divisions.forEach((d, i) => {
      if (!isDivisionCodeFormat(d)) problems.push({ field: `divisions[${i}]`, code: 'isDivisionCode', message: `区划代码 ${d} 须为 6 位或 9 位数字` });
    });
    if (input.department !== 'admin' && input.department !== 'operator' && input.divisions.length === 0) {
      problems.push({ field: 'divisions', code: 'arrayMinSize', message: '部门账号至少需要一个区划代码' });
    }
    if (!input.displayName.trim()) problems.push({ field: 'displayName', code: 'isNotEmpty', message: '显示名称不能为空' });
    if (input.password.length < MIN_PASSWORD_LENGTH) problems.push({ field: 'password', code: 'minLength', message: `密码至少 ${MIN_PASSWORD_LENGTH} 个字符` });
    if (problems.length) throw DomainError.validation(problems);

    const passwordHash = await hash(input.password);
    return this.unitOfWork.run(async (tx) => {
      const accounts = new UserAccountRepository(tx.manager);
      const id = randomUUID();
      const account = {
        id,
        username: input.username,
        department: input.department as Department,
        role: input.role as Role,
        divisions: input.divisions,
        displayName: input.displayName.trim(),
      };
      if (!(await accounts.insert({ ...account, passwordHash, active: true, demo: false }))) {
        throw new DomainError('VALIDATION', `用户名 ${input.username} 已存在`, [
          { field: 'username', code: 'unique', message: `用户名 ${input.username} 已存在` },
        ]);
      }
      await tx.audit({ actor, action: 'account.create', entity: 'user_account', entityId: id, before: null, after: account });
      return { id, username: input.username };
    });
  }
}
