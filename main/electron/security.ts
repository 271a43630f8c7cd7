import { app, type IpcMainInvokeEvent, type Session, type WebContents } from 'electron';
import { isRendererUrl } from './rendererUrl';

/**
 * The renderer is untrusted. It may not navigate, open windows, attach webviews or obtain any
 * permission, and IPC answers only the app's own top-level page.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Every web contents the app ever creates gets the same guards. */
export function hardenApp(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

/** True when an IPC message comes from the main frame of our renderer, loaded from where we put it. */
export function isTrustedSender(event: IpcMainInvokeEvent, rendererUrl: string): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isRendererUrl(frame.url, rendererUrl);
}
