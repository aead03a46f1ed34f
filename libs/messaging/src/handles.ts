import type { AnyRpcDef, ReplyOf, RequestOf } from '@shanyu/contracts';
import { MessagePattern } from '@nestjs/microservices';

/**
 * Marks a handler of the subject `def` (Nest's `@MessagePattern(def.subject)`), and has the compiler
 * check the handler against the definition: its body parameter is the request class, what it returns
 * is the reply type.
 */
export function Handles<D extends AnyRpcDef>(def: D) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the parameters after the body are the handler's own (caller, request id)
  return <T extends (body: RequestOf<D>, ...rest: any[]) => ReplyOf<D> | Promise<ReplyOf<D>>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<T>,
  ): void => {
    MessagePattern(def.subject)(target, key, descriptor);
  };
}
