/**
 * A local obs-websocket 5 server for tests: the JSON subprotocol, Hello with an optional salted
 * challenge, Identify checked as OBS checks it (close 4009 on a wrong password), GetVersion and the
 * studio's requests (obs-scenes.ts), whose events go to every identified client. Listens on
 * 127.0.0.1 (port 0 unless told: a test restarts "OBS" on the same port); counts what it saw.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { answer, defaultStudio, type FakeStudio } from './obs-scenes.ts';

export interface FakeObsOptions {
  /** When set, Hello carries an authentication challenge and Identify must answer it. */
  password?: string;
  obsVersion?: string;
  obsWebSocketVersion?: string;
  /** Listen on this port (a restarted fake keeps its address). */
  port?: number;
  /** The studio to serve (scenes, outputs, inputs); a restarted fake can be given the old one. */
  studio?: FakeStudio;
}

export interface FakeObs {
  port: number;
  studio: FakeStudio;
  /** Request types received, in order. */
  received: string[];
  /** Clients identified and still connected now. */
  clients(): number;
  /** Sends an event to every identified client, as OBS does when something changes in the studio. */
  emit(eventType: string, eventData: Record<string, unknown>, eventIntent?: number): void;
  counts: { connections: number; identified: number; authFailures: number; requests: number };
  close(): Promise<void>;
}

/** Op codes of obs-websocket 5 (protocol.md, WebSocketOpCode). */
const OP = { Hello: 0, Identify: 1, Identified: 2, Event: 5, Request: 6, RequestResponse: 7 } as const;
/** Close codes (WebSocketCloseCode). */
const CLOSE = { MessageDecodeError: 4002, NotIdentified: 4007, AlreadyIdentified: 4008, AuthenticationFailed: 4009, UnsupportedRpcVersion: 4010 } as const;
const RPC_VERSION = 1;

const b64sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

/** The authentication string obs-websocket expects: base64(sha256(base64(sha256(password + salt)) + challenge)). */
function obsAuthentication(password: string, salt: string, challenge: string): string {
  return b64sha256(b64sha256(password + salt) + challenge);
}

export async function startFakeObs(options: FakeObsOptions = {}): Promise<FakeObs> {
  const obsVersion = options.obsVersion ?? '30.1.2';
  const obsWebSocketVersion = options.obsWebSocketVersion ?? '5.4.2';
  const counts = { connections: 0, identified: 0, authFailures: 0, requests: 0 };
  const studio = options.studio ?? defaultStudio();
  const received: string[] = [];
  const identifiedSockets = new Set<WebSocket>();
  const broadcast = (eventType: string, eventData: Record<string, unknown>, eventIntent = 1) => {
    for (const client of identifiedSockets) client.send(JSON.stringify({ op: OP.Event, d: { eventType, eventIntent, eventData } }));
  };
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: options.port ?? 0,
    // OBS speaks obswebsocket.json (and msgpack); a client offering neither gets JSON by default.
    handleProtocols: (protocols) => (protocols.has('obswebsocket.json') ? 'obswebsocket.json' : false),
  });
  await new Promise<void>((resolve) => wss.once('listening', resolve));

  wss.on('connection', (socket: WebSocket) => {
    counts.connections += 1;
    const salt = randomBytes(32).toString('base64');
    const challenge = randomBytes(32).toString('base64');
    let identified = false;
    const send = (op: number, d: unknown) => socket.send(JSON.stringify({ op, d }));
    send(OP.Hello, {
      obsWebSocketVersion,
      rpcVersion: RPC_VERSION,
      ...(options.password !== undefined ? { authentication: { challenge, salt } } : {}),
    });

    socket.on('message', (raw) => {
      let message: { op?: unknown; d?: Record<string, unknown> };
      try {
        message = JSON.parse(raw.toString());
      } catch {
        return socket.close(CLOSE.MessageDecodeError, 'Unable to decode message.');
      }
      const d = message.d ?? {};
      if (message.op === OP.Identify) {
        if (identified) return socket.close(CLOSE.AlreadyIdentified, 'You are already Identified with the obs-websocket server.');
        if (d.rpcVersion !== RPC_VERSION) return socket.close(CLOSE.UnsupportedRpcVersion, 'Your requested RPC version is not supported.');
        if (options.password !== undefined && d.authentication !== obsAuthentication(options.password, salt, challenge)) {
          counts.authFailures += 1;
          return socket.close(CLOSE.AuthenticationFailed, 'Authentication failed.');
        }
        identified = true;
        identifiedSockets.add(socket);
        socket.on('close', () => identifiedSockets.delete(socket));
        counts.identified += 1;
        return send(OP.Identified, { negotiatedRpcVersion: RPC_VERSION });
      }
      if (!identified) return socket.close(CLOSE.NotIdentified, 'You must finish identification before sending messages.');
      if (message.op === OP.Request) {
        counts.requests += 1;
        const { requestType, requestId, requestData } = d as { requestType?: string; requestId?: string; requestData?: Record<string, unknown> };
        received.push(String(requestType));
        if (requestType === 'GetVersion') {
          return send(OP.RequestResponse, {
            requestType,
            requestId,
            requestStatus: { result: true, code: 100 },
            responseData: {
              obsVersion,
              obsWebSocketVersion,
              rpcVersion: RPC_VERSION,
              availableRequests: ['GetVersion'],
              supportedImageFormats: ['png', 'jpg'],
              platform: 'linux',
              platformDescription: 'Fake OBS for Bifrost tests',
            },
          });
        }
        const result = answer(studio, String(requestType), requestData ?? {});
        send(OP.RequestResponse, { requestType, requestId, requestStatus: result.status, ...(result.data ? { responseData: result.data } : {}) });
        for (const event of result.events ?? []) broadcast(event.eventType, event.eventData, event.eventIntent);
        return;
      }
    });
  });

  return {
    port: (wss.address() as AddressInfo).port,
    counts,
    studio,
    received,
    emit: broadcast,
    clients: () => identifiedSockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
