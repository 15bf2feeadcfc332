/** The Chat page's moderation form: a user, timeout seconds or a ban, a reason; Ban/Time out and Unban. */
import { useState, type FormEvent } from 'react';
import { banUser, unbanUser } from '../api/chat-api.ts';
import { Button } from '../components/button.tsx';
import { Field } from '../components/field.tsx';
import { SelectField } from '../components/select-field.tsx';
import { useAction } from '../lib/use-action.ts';
import { usePlatforms } from '../lib/platforms.tsx';
import { chatProblem, type ChatProblem } from './chat-problem.ts';
import { ChatOutcome } from './chat-problem-view.tsx';
import { senderOptions, type ChatTarget } from './chat-target.ts';

export interface ModerationFormProps {
  target: ChatTarget;
  onDone: () => void;
}

export function ModerationForm({ target, onDone }: ModerationFormProps) {
  const action = useAction();
  // Most platforms moderate by user id; some by name (GET /v1/platforms says which).
  const byName = usePlatforms().get(target.slug)?.capabilities.chat_moderation_target === 'username';
  const userKey = byName ? 'username' : 'user_id';
  const [user, setUser] = useState('');
  const [seconds, setSeconds] = useState('');
  const [reason, setReason] = useState('');
  const [chosen, setSender] = useState('channel');
  const [problem, setProblem] = useState<ChatProblem | null>(null);
  const options = senderOptions(target);
  const sender = options.some((o) => o.value === chosen) ? chosen : 'channel';

  const call = (name: string, task: () => Promise<unknown>, success: string) =>
    void action.run(
      async () => {
        try {
          await task();
          onDone();
        } catch (err) {
          setProblem(chatProblem(err, sender));
          throw err;
        }
      },
      { name, success, describe: (err) => chatProblem(err, sender).text },
    );

  const ban = (event: FormEvent) => {
    event.preventDefault();
    const name = user.trim();
    if (!name) return action.fail('Name the user to ban or time out.');
    const duration = seconds.trim() === '' ? undefined : Number(seconds);
    if (duration !== undefined && !(Number.isInteger(duration) && duration > 0)) return action.fail('Timeout seconds must be a whole number above 0; leave it empty for a ban.');
    call(
      'ban',
      () => banUser(target.slug, { [userKey]: name, sender, ...(duration !== undefined ? { duration_s: duration } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) }),
      duration !== undefined ? `Timed out ${name} on ${target.name}.` : `Banned ${name} on ${target.name}.`,
    );
  };

  const unban = () => {
    const name = user.trim();
    if (!name) return action.fail('Name the user to unban.');
    call('unban', () => unbanUser(target.slug, name, sender), `Unbanned ${name} on ${target.name}.`);
  };

  return (
    <form className="chat-form" onSubmit={ban} aria-label={`Moderate on ${target.name}`}>
      <div className="chat-form-row">
        <Field
          label={byName ? 'Username' : 'User ID'}
          value={user}
          onChange={(e) => setUser(e.target.value)}
          autoComplete="off"
          hint={byName ? `${target.name} moderates by name.` : `${target.name} moderates by the user's id.`}
        />
        <Field
          label="Timeout seconds"
          inputMode="numeric"
          value={seconds}
          onChange={(e) => setSeconds(e.target.value)}
          hint="Empty for a permanent ban."
        />
        <Field label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" />
        <SelectField label="Act as" value={sender} onChange={(e) => setSender(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="chat-form-actions">
        <Button type="submit" variant="danger" busy={action.isBusy('ban')} disabled={action.busy}>
          {seconds.trim() ? 'Time out' : 'Ban'}
        </Button>
        <Button busy={action.isBusy('unban')} disabled={action.busy} onClick={unban}>
          Unban
        </Button>
      </div>
      <ChatOutcome action={action} problem={problem} />
    </form>
  );
}
