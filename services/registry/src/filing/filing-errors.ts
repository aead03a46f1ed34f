import { DomainError } from '@shanyu/common';

export function filingNotFound(id: string): DomainError {
  return new DomainError('FILING_NOT_FOUND', `备案申请 ${id} 不存在`);
}
