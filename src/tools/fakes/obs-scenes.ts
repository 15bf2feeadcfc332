/**
 * The fake OBS's studio: scenes with their items, the program scene, stream and record outputs,
 * media and audio inputs, answering obs-websocket 5 requests as OBS does (status codes of its
 * RequestStatus: 100 Success, 204 UnknownRequestType, 300 MissingRequestField, 500 OutputRunning,
 * 501 OutputNotRunning, 600 ResourceNotFound, 601 ResourceAlreadyExists) and reporting the events
 * the requests cause.
 */

export interface FakeSceneItem {
  sceneItemId: number;
  sourceName: string;
  sceneItemEnabled: boolean;
}

export interface FakeStudio {
  /** Bottom first, as OBS indexes them (sceneIndex 0 is the bottom of the list). */
  scenes: { sceneName: string; items: FakeSceneItem[] }[];
  programScene: string;
  streaming: boolean;
  recording: boolean;
  /** Media inputs and the last action each received. */
  media: Record<string, string | null>;
  /** Audio inputs and whether each is muted. */
  mutes: Record<string, boolean>;
}

export function defaultStudio(): FakeStudio {
  return {
    scenes: [
      { sceneName: 'Starting Soon', items: [{ sceneItemId: 1, sourceName: 'Countdown', sceneItemEnabled: true }] },
      {
        sceneName: 'Gameplay',
        items: [
          { sceneItemId: 1, sourceName: 'Game Capture', sceneItemEnabled: true },
          { sceneItemId: 2, sourceName: 'Webcam', sceneItemEnabled: true },
          { sceneItemId: 3, sourceName: 'Intro Video', sceneItemEnabled: false },
        ],
      },
    ],
    programScene: 'Starting Soon',
    streaming: false,
    recording: false,
    media: { 'Intro Video': null },
    mutes: { 'Mic/Aux': false },
  };
}

export interface Answer {
  status: { result: boolean; code: number; comment?: string };
  data?: Record<string, unknown>;
  events?: { eventType: string; eventIntent: number; eventData: Record<string, unknown> }[];
}

/** EventSubscription bits of the events the fake sends (General 1, Scenes 4, Inputs 8, Outputs 64, SceneItems 128). */
const INTENT = { Scenes: 4, Inputs: 8, Outputs: 64, SceneItems: 128 } as const;

const ok = (data?: Record<string, unknown>, events?: Answer['events']): Answer => ({ status: { result: true, code: 100 }, ...(data ? { data } : {}), ...(events ? { events } : {}) });
const fail = (code: number, comment: string): Answer => ({ status: { result: false, code, comment } });

const MEDIA_ACTIONS = ['PLAY', 'PAUSE', 'RESTART', 'STOP', 'NEXT', 'PREVIOUS'].map((a) => `OBS_WEBSOCKET_MEDIA_INPUT_ACTION_${a}`);

function output(studio: FakeStudio, which: 'streaming' | 'recording', verb: 'Start' | 'Stop' | 'Toggle'): Answer {
  const active = studio[which];
  if (verb === 'Start' && active) return fail(500, 'The output is already running.');
  if (verb === 'Stop' && !active) return fail(501, 'The output is not running.');
  studio[which] = !active;
  const eventType = which === 'streaming' ? 'StreamStateChanged' : 'RecordStateChanged';
  const outputState = studio[which] ? 'OBS_WEBSOCKET_OUTPUT_STARTED' : 'OBS_WEBSOCKET_OUTPUT_STOPPED';
  const events = [{ eventType, eventIntent: INTENT.Outputs, eventData: { outputActive: studio[which], outputState } }];
  return ok(verb === 'Toggle' ? { outputActive: studio[which] } : undefined, events);
}

export function answer(studio: FakeStudio, requestType: string, d: Record<string, unknown>): Answer {
  const scene = (name: unknown) => studio.scenes.find((s) => s.sceneName === name);
  const needScene = (): Answer | { found: FakeStudio['scenes'][number] } => {
    if (typeof d.sceneName !== 'string') return fail(300, 'Your request is missing the `sceneName` field.');
    const found = scene(d.sceneName);
    return found ? { found } : fail(600, `No source was found by the name of \`${d.sceneName}\`.`);
  };
  switch (requestType) {
    case 'GetSceneList':
      return ok({
        currentProgramSceneName: studio.programScene,
        currentPreviewSceneName: null,
        scenes: studio.scenes.map((s, i) => ({ sceneIndex: i, sceneName: s.sceneName })),
      });
    case 'GetCurrentProgramScene':
      return ok({ currentProgramSceneName: studio.programScene, sceneName: studio.programScene });
    case 'SetCurrentProgramScene': {
      const r = needScene();
      if (!('found' in r)) return r;
      studio.programScene = r.found.sceneName;
      return ok(undefined, [{ eventType: 'CurrentProgramSceneChanged', eventIntent: INTENT.Scenes, eventData: { sceneName: r.found.sceneName } }]);
    }
    case 'CreateScene': {
      if (typeof d.sceneName !== 'string') return fail(300, 'Your request is missing the `sceneName` field.');
      if (scene(d.sceneName)) return fail(601, 'A source already exists by that scene name.');
      studio.scenes.push({ sceneName: d.sceneName, items: [] });
      return ok({ sceneUuid: `uuid-${studio.scenes.length}` }, [{ eventType: 'SceneCreated', eventIntent: INTENT.Scenes, eventData: { sceneName: d.sceneName, isGroup: false } }]);
    }
    case 'GetSceneItemList': {
      const r = needScene();
      if (!('found' in r)) return r;
      return ok({ sceneItems: r.found.items.map((i, index) => ({ ...i, sceneItemIndex: index, sourceType: 'OBS_SOURCE_TYPE_INPUT' })) });
    }
    case 'GetSceneItemId': {
      const r = needScene();
      if (!('found' in r)) return r;
      const item = r.found.items.find((i) => i.sourceName === d.sourceName);
      return item ? ok({ sceneItemId: item.sceneItemId }) : fail(600, `No scene items were found in the specified scene by that name or offset.`);
    }
    case 'SetSceneItemEnabled': {
      const r = needScene();
      if (!('found' in r)) return r;
      const item = r.found.items.find((i) => i.sceneItemId === d.sceneItemId);
      if (!item) return fail(600, 'No scene items were found in scene by that ID.');
      item.sceneItemEnabled = Boolean(d.sceneItemEnabled);
      return ok(undefined, [
        { eventType: 'SceneItemEnableStateChanged', eventIntent: INTENT.SceneItems, eventData: { sceneName: r.found.sceneName, sceneItemId: item.sceneItemId, sceneItemEnabled: item.sceneItemEnabled } },
      ]);
    }
    case 'TriggerMediaInputAction': {
      if (typeof d.inputName !== 'string' || !(d.inputName in studio.media)) return fail(600, `No source was found by the name of \`${String(d.inputName)}\`.`);
      if (typeof d.mediaAction !== 'string' || !MEDIA_ACTIONS.includes(d.mediaAction)) return fail(400, 'The field value of `mediaAction` is invalid.');
      studio.media[d.inputName] = d.mediaAction;
      return ok();
    }
    case 'SetInputMute': {
      if (typeof d.inputName !== 'string' || !(d.inputName in studio.mutes)) return fail(600, `No source was found by the name of \`${String(d.inputName)}\`.`);
      studio.mutes[d.inputName] = Boolean(d.inputMuted);
      return ok(undefined, [{ eventType: 'InputMuteStateChanged', eventIntent: INTENT.Inputs, eventData: { inputName: d.inputName, inputMuted: Boolean(d.inputMuted) } }]);
    }
    case 'StartStream':
    case 'StopStream':
    case 'ToggleStream':
      return output(studio, 'streaming', requestType.replace('Stream', '') as 'Start' | 'Stop' | 'Toggle');
    case 'StartRecord':
    case 'StopRecord':
    case 'ToggleRecord':
      return output(studio, 'recording', requestType.replace('Record', '') as 'Start' | 'Stop' | 'Toggle');
    case 'GetStreamStatus':
      return ok({ outputActive: studio.streaming, outputReconnecting: false, outputTimecode: '00:00:00.000', outputDuration: 0, outputBytes: 0, outputSkippedFrames: 0, outputTotalFrames: 0 });
    case 'GetRecordStatus':
      return ok({ outputActive: studio.recording, outputPaused: false, outputTimecode: '00:00:00.000', outputDuration: 0, outputBytes: 0 });
    case 'GetStats':
      return ok({ cpuUsage: 1.5, memoryUsage: 200.25, availableDiskSpace: 100000, activeFps: 60, averageFrameRenderTime: 0.5, renderSkippedFrames: 0, renderTotalFrames: 1000, outputSkippedFrames: 0, outputTotalFrames: 1000, webSocketSessionIncomingMessages: 1, webSocketSessionOutgoingMessages: 1 });
  }
  return fail(204, 'Your request type is not valid.');
}
