import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  READABLE_SCALE,
  fitAll,
  follow,
  opening,
  panBy,
  viewBox,
  zoomAt,
  zoomLevel,
} from '../../../../media/src/diagram/camera';
import { MIN_FONT } from '../../../../media/src/diagram/geometry';

const content = { w: 1000, h: 500 };
const view = { w: 600, h: 400 };

void describe('camera', () => {
  void it('opens at the readable scale when the diagram is wider than the pane, from the left', () => {
    assert.equal(MIN_FONT, 12);
    assert.equal(READABLE_SCALE, 10 / 12);
    const cam = opening(content, view);
    assert.deepEqual(cam, { x: 0, y: 0, scale: READABLE_SCALE });
    assert.equal(zoomLevel(cam.scale), 'near');
  });

  void it('opens fitted and centred when the diagram fits, never above 1.1', () => {
    assert.deepEqual(opening({ w: 300, h: 200 }, view), {
      x: -(600 / 1.1 - 300) / 2,
      y: -(400 / 1.1 - 200) / 2,
      scale: 1.1,
    });
    assert.equal(opening({ w: 700, h: 300 }, view).scale, 600 / 700, 'between readable and 1.1: fitted');
    assert.equal(opening({ w: 500, h: 450 }, view).scale, 400 / 450, 'the height counts too');
    assert.equal(opening({ w: 500, h: 800 }, view).scale, READABLE_SCALE, 'but never below readable');
  });

  void it('fits everything, hiding labels below the readable scale', () => {
    const cam = fitAll(content, view);
    assert.equal(cam.scale, 0.6);
    assert.equal(zoomLevel(cam.scale), 'far', 'even 16px node titles would be 9.6px');
    assert.equal(zoomLevel(0.65), 'mid', 'node titles (16px) stay readable at 0.65');
    assert.equal(zoomLevel(READABLE_SCALE - 0.01), 'mid');
    assert.equal(viewBox(cam, view), `0 ${round(-(400 / 0.6 - 500) / 2)} 1000 ${round(400 / 0.6)}`);
  });

  void it('zooms about the pointer and keeps the view inside the diagram', () => {
    const cam = { x: 100, y: 50, scale: 1 };
    const z = zoomAt(cam, 2, { x: 200, y: 100 }, content, view);
    assert.equal(z.scale, 2);
    assert.deepEqual({ x: z.x + 200 / 2, y: z.y + 100 / 2 }, { x: 300, y: 150 });
    assert.deepEqual(panBy(cam, 1000, 0, content, view), { x: 0, y: 50, scale: 1 });
    assert.deepEqual(panBy(cam, -5000, 0, content, view), { x: 400, y: 50, scale: 1 });
  });

  void it('follows a point: pans only when it nears an edge', () => {
    const cam = { x: 0, y: 0, scale: 1 };
    assert.deepEqual(follow(cam, { x: 300, y: 200 }, content, view), cam);
    assert.deepEqual(follow(cam, { x: 900, y: 200 }, content, view), { x: 340, y: 0, scale: 1 });
  });
});

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
