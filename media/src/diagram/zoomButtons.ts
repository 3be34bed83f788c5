// The diagram pane's zoom buttons (pure): DiagramZoom (zoom.ts) handles their data-zoom-action.
import type { El } from '../shared/el';
import { h } from '../shared/el';

/** The pane's zoom buttons (handled by DiagramZoom). */
export function zoomButtons(): El {
  const button = (action: string, text: string, title: string): El =>
    h(
      'button',
      { type: 'button', class: 'zoom-button', 'data-zoom-action': action, title, 'aria-label': title },
      text,
    );
  return h('div', { class: 'zoom-buttons', role: 'toolbar', 'aria-label': 'Zoom' }, [
    button('in', '+', 'Zoom in'),
    button('out', '−', 'Zoom out'),
    button('fit', 'Fit', 'Fit the whole diagram'),
    button('reset', '1:1', 'Readable size'),
  ]);
}
