/** The full list of scopes granted to a connection (opened from the card's "+N"). */
import { Dialog } from '../components/dialog.tsx';
import { Button } from '../components/button.tsx';

export function ScopesDialog({ open, platform, scopes, onClose }: { open: boolean; platform: string; scopes: readonly string[]; onClose: () => void }) {
  return (
    <Dialog open={open} title="Scopes" onClose={onClose} wide footer={<Button onClick={onClose}>Close</Button>}>
      <p>
        {scopes.length} scope{scopes.length === 1 ? '' : 's'} granted to {platform}. Scopes are static — to change them you must disconnect and reconnect.
      </p>
      <ul className="scope-list-full">
        {scopes.map((s) => (
          <li key={s}>
            <code>{s}</code>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
