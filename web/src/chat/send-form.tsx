/** The Chat page's message box: platform, sender, the text within the platform's length limit, Send. */
import { useId, useState, type FormEvent } from 'react';
import { sendChatMessage } from '../api/chat-api.ts';
import { Button } from '../components/button.tsx';
import { SelectField } from '../components/select-field.tsx';
import { usePlatforms } from '../lib/platforms.tsx';
import { useAction } from '../lib/use-action.ts';
import { chatProblem, type ChatProblem } from './chat-problem.ts';
import { ChatOutcome } from './chat-problem-view.tsx';
import { maxMessageLength, senderOptions, type ChatTarget } from './chat-target.ts';

export interface SendFormProps {
  targets: ChatTarget[];
  platform: string;
  onPlatform: (slug: string) => void;
  /** A message left: reload the log and the fake's view. */
  onSent: () => void;
}

/** Code points, as the platforms count a message's length. */
const length = (text: string) => [...text].length;

export function SendForm({ targets, platform, onPlatform, onSent }: SendFormProps) {
  const platforms = usePlatforms();
  const action = useAction();
  const [chosen, setSender] = useState('bot');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<ChatProblem | null>(null);
  const textId = useId();
  const target = targets.find((t) => t.slug === platform) ?? targets[0];
  const options = target ? senderOptions(target) : [];
  // A bot of the previous platform is not a sender here: fall back to the default bot.
  const sender = options.some((o) => o.value === chosen) ? chosen : 'bot';
  const max = maxMessageLength(platforms.get(target?.slug));
  const used = length(text);
  const tooLong = max !== undefined && used > max;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!target) return;
    if (text.trim() === '') return action.fail('Write a message first.');
    if (tooLong) return action.fail(`${target.name} takes at most ${max} characters; shorten the message by ${used - max!}.`);
    void action.run(
      async () => {
        try {
          const sent = await sendChatMessage(target.slug, { text, sender });
          setText('');
          onSent();
          return sent;
        } catch (err) {
          setProblem(chatProblem(err, sender));
          throw err;
        }
      },
      { success: `Sent to ${target.name}.`, describe: (err) => chatProblem(err, sender).text },
    );
  };

  if (!target) return null;
  return (
    <form className="chat-form" onSubmit={submit} aria-label="Send a chat message">
      <div className="chat-form-row">
        <SelectField label="Platform" value={target.slug} onChange={(e) => onPlatform(e.target.value)}>
          {targets.map((t) => (
            <option key={t.slug} value={t.slug}>
              {t.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Sender" value={sender} onChange={(e) => setSender(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={textId}>
          Message
        </label>
        <textarea
          id={textId}
          className="input chat-text"
          rows={3}
          value={text}
          aria-invalid={tooLong ? true : undefined}
          aria-describedby={`${textId}-count`}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            // Enter sends, Shift+Enter starts a new line: the way chat boxes behave.
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
        <p className={`field-hint${tooLong ? ' form-error' : ''}`} id={`${textId}-count`}>
          {max !== undefined ? `${used} / ${max} characters` : `${used} characters`}
        </p>
      </div>
      <div className="chat-form-actions">
        <Button type="submit" variant="primary" busy={action.busy}>
          Send
        </Button>
      </div>
      <ChatOutcome action={action} problem={problem} />
    </form>
  );
}
