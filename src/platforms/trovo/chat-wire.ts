/** Trovo chat wire shapes [R4][R5][R6]: send answers `{}`, commands answer `{is_success, display_msg}`. */
import { z } from 'zod';

/** POST /openplatform/channels/command [R3][R6]. */
export const commandResponse = z.object({ is_success: z.boolean(), display_msg: z.string().optional() });

/** The commands Bifrost sends: Trovo's chat commands without the leading slash [R3][R7]. */
export const commands = {
  ban: (nickname: string) => `ban ${nickname}`,
  /** `ban <name> <seconds>s`: one library sends it, nothing official confirms it *(unverified)* [R7]. */
  timeout: (nickname: string, seconds: number) => `ban ${nickname} ${seconds}s`,
  unban: (nickname: string) => `unban ${nickname}`,
};
