import { PlainEditor } from './PlainEditor';

/** Temporary: Monaco arrives in the next commit. */
export default function ScenarioEditor() {
  return <PlainEditor />;
}
