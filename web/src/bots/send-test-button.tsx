/** "Send test message" on a bot's row: a short fixed text posted as that bot into its owner's channel; the row shows the result. */
import { sendChatMessage } from '../api/chat-api.ts';
import { Button } from '../components/button.tsx';
import { chatProblem } from '../chat/chat-problem.ts';
import type { Action } from '../lib/use-action.ts';

export const TEST_MESSAGE = 'Test message from Bifrost 👋';

export interface SendTestButtonProps {
  /** The row's Action: its error or success line shows under the row. */
  action: Action;
  platform: string;
  platformName: string;
  botIdentifier: string;
}

export function SendTestButton({ action, platform, platformName, botIdentifier }: SendTestButtonProps) {
  const name = `send-test-${botIdentifier}`;
  const send = () =>
    void action.run(
      async () => {
        const sent = await sendChatMessage(platform, { text: TEST_MESSAGE, sender: botIdentifier });
        return sent;
      },
      {
        name,
        success: `Sent "${TEST_MESSAGE}" to your ${platformName} channel.`,
        describe: (err) => chatProblem(err, botIdentifier).text,
      },
    );
  return (
    <Button small busy={action.isBusy(name)} disabled={action.busy} onClick={send}>
      Send test message
    </Button>
  );
}
