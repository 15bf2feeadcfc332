/** A chat action's outcome under its form: the problem in words with a link to where it is fixed, or the success line. */
import type { Action } from '../lib/use-action.ts';
import { ActionFeedback } from '../components/action-feedback.tsx';
import { Link } from '../lib/router.tsx';
import type { ChatProblem } from './chat-problem.ts';

export function ChatOutcome({ action, problem }: { action: Pick<Action, 'error' | 'success'>; problem: ChatProblem | null }) {
  return (
    <>
      <ActionFeedback action={action} />
      {action.error && problem?.link ? (
        <p className="inline-result">
          <Link to={problem.link.to}>{problem.link.label}</Link>
        </p>
      ) : null}
    </>
  );
}
