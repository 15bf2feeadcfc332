/** Connection probe for Streamer.bot (POST /v1/tools/{id}/test): its WebSocket Hello, the salted-challenge Authenticate, then GetInfo, bounded in time. */
import { createHash } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import { WebSocket, type RawData } from 'ws';
import {
  DEFAULT_TEST_TIMEOUT_MS,
  address,
  classifySocketError,
  failure,
  success,
  versionText,
  timeoutResult,
  websocketUrl,
  type TesterOptions,
  type ToolTarget,
  type ToolTestResult,
} from './probe-result.ts';

const PRODUCT = 'Streamer.bot';
/** Hello and GetInfo are a few hundred bytes; a peer sending megabytes is not Streamer.bot. */
const MAX_PAYLOAD = 256 * 1024;

/** base64(sha256(text)), as @streamerbot/client's sha256base64 computes it (UTF-8 in, raw digest out). */
function sha256base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/**
 * The Authenticate answer Streamer.bot documents and @streamerbot/client sends:
 * secret = base64(sha256(password + salt)); authentication = base64(sha256(secret + challenge)).
 */
export function streamerbotAuthentication(password: string, salt: string, challenge: string): string {
  return sha256base64(sha256base64(`${password}${salt}`) + challenge);
}

interface Payload {
  id?: unknown;
  status?: unknown;
  request?: unknown;
  info?: { version?: unknown };
  authentication?: { salt?: unknown; challenge?: unknown };
}

function parse(data: RawData): Payload | undefined {
  try {
    const value: unknown = JSON.parse(data.toString());
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Payload) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Written on `ws` instead of @streamerbot/client, whose protocol it follows message for message:
 * the library resolves connect() on socket open and reports handshake failures only through an
 * onError callback with the socket's cause dropped (refused, unresolvable and "not a WebSocket
 * server" all become "WebSocket Error"), fixes its handshake timeout at 5 s, logs to the console,
 * auto-reconnects by default, and after the handshake sends GetEvents and Subscribe requests a test
 * has no business making. Here one socket goes to ws://ip:port{endpoint} only (the address the
 * egress policy checked), redirects off, and everything ends within `timeoutMs`.
 */
export async function testStreamerbot(target: ToolTarget, options: TesterOptions = {}): Promise<ToolTestResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  const password = target.password ? target.password : undefined;
  const where = address(target);
  const id = (what: string) => `bifrost:test:${what}:${randomBytes(6).toString('hex')}`;

  return new Promise<ToolTestResult>((resolve) => {
    let settled = false;
    let stage: 'connect' | 'handshake' = 'connect';
    let step: 'hello' | 'authenticate' | 'info' = 'hello';
    let authRequested = false;
    let helloVersion: string | undefined;
    const getInfoId = id('info');
    const authenticateId = id('auth');

    const socket = new WebSocket(websocketUrl(target), {
      // The one deadline below bounds the whole test; ws's own handshake timer is left off so it never races it.
      followRedirects: false,
      maxPayload: MAX_PAYLOAD,
      perMessageDeflate: false,
    });
    const timer = setTimeout(() => finish(timeoutResult(target, PRODUCT, timeoutMs, stage)), timeoutMs);

    function finish(result: ToolTestResult): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners();
      // terminate() on a socket still opening emits one more error; nobody needs it.
      socket.on('error', () => {});
      socket.terminate();
      resolve(result);
    }

    const send = (message: Record<string, unknown>) => socket.send(JSON.stringify(message));
    const getInfo = () => {
      step = 'info';
      send({ request: 'GetInfo', id: getInfoId });
    };

    socket.on('open', () => {
      stage = 'handshake';
      // As the library does: without a password, ask GetInfo at once (older versions send no Hello).
      if (!password) send({ request: 'GetInfo', id: getInfoId });
    });

    socket.on('error', (err) => {
      if (stage === 'connect') return finish(classifySocketError(err, target, PRODUCT));
      finish(failure('not_protocol', `${where} sent data that is not valid WebSocket traffic: it is not ${PRODUCT}'s WebSocket server.`));
    });

    socket.on('close', (code) => {
      if (step === 'hello') {
        return finish(failure('not_protocol', `${where} closed the WebSocket without a Streamer.bot Hello: it is not ${PRODUCT}, or the endpoint is wrong.`));
      }
      if (step === 'authenticate') {
        return finish(failure('auth_failed', `Authentication failed: Streamer.bot at ${where} rejected the password and closed the connection.`));
      }
      finish(failure('error', `Streamer.bot at ${where} closed the connection before answering GetInfo (close code ${code}).`));
    });

    socket.on('message', (data, isBinary) => {
      const payload = isBinary ? undefined : parse(data);
      if (step === 'hello') {
        const isOurInfo = payload?.id === getInfoId;
        if (!payload || (!isOurInfo && (typeof payload.info !== 'object' || payload.info === null))) {
          return finish(failure('not_protocol', `${where} answered with something other than a Streamer.bot Hello: it is not ${PRODUCT}'s WebSocket server.`));
        }
        if (isOurInfo) return onInfo(payload);
        helloVersion = typeof payload.info?.version === 'string' ? versionText(payload.info.version) : undefined;
        const auth = payload.authentication;
        authRequested = auth !== undefined && auth !== null;
        if (authRequested && password) {
          if (typeof auth?.salt !== 'string' || typeof auth?.challenge !== 'string') {
            return finish(failure('not_protocol', `${where} sent a Hello with a malformed authentication challenge: it is not ${PRODUCT}.`));
          }
          step = 'authenticate';
          return send({ request: 'Authenticate', id: authenticateId, authentication: streamerbotAuthentication(password, auth.salt, auth.challenge) });
        }
        // No challenge, or no password: wait for GetInfo (already sent without a password).
        if (password) return getInfo();
        step = 'info';
        return;
      }
      if (!payload) return; // events and other traffic after the Hello are not ours to judge
      if (step === 'authenticate' && payload.id === authenticateId) {
        if (payload.status === 'ok') return getInfo();
        return finish(failure('auth_failed', `Authentication failed: Streamer.bot at ${where} rejected the password. Check it in Streamer.bot under Servers/Clients → WebSocket Server.`));
      }
      if (step === 'info' && payload.id === getInfoId) onInfo(payload);
    });

    function onInfo(payload: Payload): void {
      if (payload.status === 'ok') {
        const version = typeof payload.info?.version === 'string' ? versionText(payload.info.version) : (helloVersion ?? 'unknown');
        return finish(success(`Connected to Streamer.bot ${version} successfully!`, version));
      }
      if (!password) {
        // The library's rule: a GetInfo refused without a password means authentication is enforced.
        return finish(failure('auth_failed', `Authentication failed: Streamer.bot at ${where} requires a password and none is saved for this tool.`));
      }
      // Its error text is not repeated: nothing a peer writes goes back to the member but a version.
      finish(failure('error', `Streamer.bot at ${where} refused GetInfo.`));
    }
  });
}
