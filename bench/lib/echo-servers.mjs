// Trivial echo handlers for the RPC baselines, in their own process (as a real service would be):
// - `bench.raw.echo`: raw nats.js subscription in queue group `bench`;
// - `bench.nest.echo`: Nest's stock NATS transport (ServerNats) with a @MessagePattern handler;
// - `bench.shanyu.echo`: the platform's NatsRpcServer with a @MessagePattern handler.
import 'reflect-metadata';
import { connect } from '@nats-io/transport-node';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Transport } from '@nestjs/microservices';
import { ActorTokenVerifier, JsonLogger } from '../../libs/common/dist/index.js';
import { NatsRpcServer } from '../../libs/messaging/dist/index.js';

const url = process.env.NATS_URL;
// A broker with users (bench/rpc.mjs starts it as `npm start` does): the bench's full-access user.
const credentials = process.env.BENCH_NATS_USER ? { user: process.env.BENCH_NATS_USER, pass: process.env.BENCH_NATS_PASSWORD } : {};
const raw = await connect({ servers: url, ...credentials });
raw.subscribe('bench.raw.echo', { queue: 'bench', callback: (_err, msg) => msg.respond(msg.data) });

function echoModule(subject) {
  class Echo {
    echo(data) {
      return data;
    }
  }
  MessagePattern(subject)(Echo.prototype, 'echo', Object.getOwnPropertyDescriptor(Echo.prototype, 'echo'));
  Controller()(Echo);
  class EchoModule {}
  Module({ controllers: [Echo] })(EchoModule);
  return EchoModule;
}

const nest = await NestFactory.createMicroservice(echoModule('bench.nest.echo'), {
  transport: Transport.NATS,
  options: { servers: [url], queue: 'bench', ...credentials },
  logger: false,
});
await nest.listen();
const own = await connect({ servers: url, ...credentials });
const shanyu = await NestFactory.createMicroservice(echoModule('bench.shanyu.echo'), {
  strategy: new NatsRpcServer({
    connection: own,
    service: 'bench',
    logger: new JsonLogger('bench', 'error'),
    identity: new ActorTokenVerifier(process.env.IDENTITY_PUBLIC_KEY),
  }),
  logger: false,
});
await shanyu.listen();
process.send?.('ready');
process.on('SIGTERM', () => {
  void Promise.allSettled([nest.close(), shanyu.close(), raw.drain(), own.drain()]).then(() => process.exit(0));
});
