/** "Connect Bot": choose an identifier, then run OAuth as the bot account (on Bot Connections). */
import { useId, useState, type FormEvent } from 'react';
import { goToAuthorization, startConnect } from '../api/integrations-api.ts';
import { Button } from '../components/button.tsx';
import { FormError } from '../components/form-error.tsx';
import { useAction } from '../lib/use-action.ts';
import { ScopePickerButton } from '../connections/scope-picker.tsx';
import { botIdentifierProblem } from './bot-identifier.ts';

export function ConnectBotForm({ slug, name, taken }: { slug: string; name: string; taken: readonly string[] }) {
  const id = useId();
  const [identifier, setIdentifier] = useState('');
  const [touched, setTouched] = useState(false);
  const action = useAction();

  const problem = botIdentifierProblem(identifier) ?? (taken.includes(identifier) ? `A ${name} bot named "${identifier}" is already connected; use Reconnect on it.` : null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem) return;
    await action.run(() => goToAuthorization(slug, startConnect(slug, { integration_type: 'bot', bot_identifier: identifier })), { leaves: true });
  };

  const shownProblem = touched ? problem : null;
  // The fields belong to an empty <form> by its id rather than sitting inside it: the permissions
  // dialog is a form of its own, and a form inside a form would pass its submit on to this one.
  const formId = `${id}-form`;
  return (
    <div className="connect-bot-form">
      <form id={formId} onSubmit={(e) => void submit(e)} noValidate />
      <div className="field">
        <label className="field-label" htmlFor={id}>
          Bot identifier
        </label>
        <div className="inline-form">
          <input
            id={id}
            form={formId}
            className="input"
            name="bot_identifier"
            value={identifier}
            maxLength={32}
            autoComplete="off"
            spellCheck={false}
            placeholder="mybot"
            aria-invalid={shownProblem ? true : undefined}
            aria-describedby={`${id}-hint${shownProblem ? ` ${id}-error` : ''}`}
            onChange={(e) => setIdentifier(e.target.value.trim())}
          />
          <Button type="submit" form={formId} variant="primary" busy={action.busy}>
            Connect Bot
          </Button>
          {/* The bot's identifier is part of the request: the permissions open only once it is valid. */}
          <ScopePickerButton
            slug={slug}
            name={name}
            target={{ integration_type: 'bot', bot_identifier: identifier }}
            canOpen={() => {
              setTouched(true);
              return problem === null;
            }}
          />
        </div>
        <p className="field-hint" id={`${id}-hint`}>
          A name for this bot in Bifrost: 1–32 characters, a–z, 0–9, _ and -. Then sign in to {name} as the bot account.
        </p>
        {shownProblem ? (
          <p className="form-error" id={`${id}-error`}>
            {shownProblem}
          </p>
        ) : null}
        <FormError error={action.error} />
      </div>
    </div>
  );
}
