/**
 * The camera the citizen picked in the camera check, so the call opens that one and not the
 * browser's default (on a phone: the back camera when they chose to show a document). Module state
 * on purpose: the check and the call are on the same page, one after the other, and the choice is
 * not worth a place in the journey's saved state (a reload asks for the camera again anyway).
 */
export const cameraChoice: { deviceId?: string } = {};

/**
 * The camera after `current` in `cameras`, round the list: front, back, front on a phone (phones
 * with a wide and a tele lens list more). `undefined` when there is nothing to switch to.
 */
export function nextCamera(cameras: ReadonlyArray<Pick<MediaDeviceInfo, 'deviceId'>>, current: string | undefined): string | undefined {
  const ids = cameras.map((camera) => camera.deviceId).filter(Boolean);
  if (ids.length < 2) return undefined;
  return ids[(ids.indexOf(current ?? '') + 1) % ids.length];
}
