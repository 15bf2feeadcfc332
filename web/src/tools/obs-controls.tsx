/** An OBS tool's controls: its scenes (click one to switch the program scene), each source's visibility, and stream/record buttons. */
import type { ObsScene } from '../api/types.ts';
import { controlOutput, getObsStatus, listObsScenes, setProgramScene, setSourceVisibility } from '../api/tools-api.ts';
import { Button } from '../components/button.tsx';
import { Badge } from '../components/badge.tsx';
import { Panel } from '../components/panel.tsx';
import { Switch } from '../components/switch.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { RowAction } from '../components/row-action.tsx';
import { useResource } from '../lib/use-resource.ts';
import { useAction } from '../lib/use-action.ts';
import { FormError } from '../components/form-error.tsx';

export function ObsControls({ toolId }: { toolId: string }) {
  const [scenes, reloadScenes] = useResource(() => listObsScenes(toolId), [toolId]);
  const [status, reloadStatus] = useResource(() => getObsStatus(toolId), [toolId]);
  const action = useAction();
  const after = (work: Promise<unknown>) => work.then(() => Promise.all([reloadScenes(), reloadStatus()]));

  return (
    <>
      <Panel title="Output" headingId="obs-output" description="Streaming and recording in OBS.">
        <ResourceView resource={status} what="OBS status" onRetry={() => void reloadStatus()}>
          {(s) => (
            <div className="obs-output">
              <p data-obs-status>
                Streaming: <Badge tone={s.streaming ? 'danger' : 'outline'}>{s.streaming ? 'Live' : 'Off'}</Badge> · Recording:{' '}
                <Badge tone={s.recording ? 'danger' : 'outline'}>{s.recording ? 'Recording' : 'Off'}</Badge> · Program scene: <strong data-current-scene>{s.current_scene ?? '—'}</strong>
              </p>
              <RowAction small action={action} run={() => after(controlOutput(toolId, 'stream', s.streaming ? 'stop' : 'start'))}>
                {s.streaming ? 'Stop Streaming' : 'Start Streaming'}
              </RowAction>{' '}
              <RowAction small action={action} run={() => after(controlOutput(toolId, 'record', s.recording ? 'stop' : 'start'))}>
                {s.recording ? 'Stop Recording' : 'Start Recording'}
              </RowAction>
            </div>
          )}
        </ResourceView>
      </Panel>
      <Panel title="Scenes" headingId="obs-scenes" description="Click a scene to put it on the program output; the switches show or hide a source in that scene.">
        <FormError error={action.error} />
        <ResourceView resource={scenes} what="scenes" onRetry={() => void reloadScenes()}>
          {(list) => (
            <ul className="row-list">
              {list.map((scene: ObsScene) => (
                <li key={scene.name} className="row" data-scene={scene.name} data-current={scene.current ? 'true' : 'false'}>
                  <div className="row-main">
                    <Button small variant={scene.current ? 'primary' : 'secondary'} busy={action.isBusy(`scene:${scene.name}`)} onClick={() => void action.run(() => after(setProgramScene(toolId, scene.name)), { name: `scene:${scene.name}` })}>
                      {scene.name}
                    </Button>{' '}
                    {scene.current ? <Badge tone="success">On program</Badge> : null}
                  </div>
                  <ul className="obs-sources">
                    {scene.sources.map((source) => (
                      <li key={source.scene_item_id} data-source={source.name}>
                        <Switch
                          checked={source.visible}
                          label={source.name}
                          busy={action.busy}
                          onChange={(visible) => void action.run(() => after(setSourceVisibility(toolId, scene.name, source.name, visible)))}
                        />
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </ResourceView>
      </Panel>
    </>
  );
}
