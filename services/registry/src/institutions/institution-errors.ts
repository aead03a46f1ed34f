import { DomainError } from '@shanyu/common';

export function institutionNotFound(id: string): DomainError {
  return new DomainError('INSTITUTION_NOT_FOUND', `机构 ${id} 不存在`);
}
