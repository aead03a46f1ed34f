import { validateContract } from '@shanyu/contracts';
import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';

const PRIMITIVES: Function[] = [String, Number, Boolean, Object, Array];

/** Validates every `@Payload()` / `@Body()` / `@Query()` typed with a contract class. */
@Injectable()
export class ContractValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype;
    if (!type || PRIMITIVES.includes(type) || metadata.type === 'custom') return value;
    return validateContract(type as new () => object, value ?? {});
  }
}
