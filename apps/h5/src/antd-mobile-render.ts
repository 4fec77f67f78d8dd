import { unstableSetRender } from 'antd-mobile';
import { createRoot, type Root } from 'react-dom/client';

type Container = (Element | DocumentFragment) & { zulinRoot?: Root };

/**
 * antd-mobile 5 mounts its imperative components (Toast, Dialog.alert, ImageViewer.show) with
 * `ReactDOM.render`, which React 19 removed; this hands it `createRoot` instead.
 */
export function installAntdMobileRender(): void {
  unstableSetRender((node, target) => {
    const container = target as Container;
    container.zulinRoot ??= createRoot(container);
    const root = container.zulinRoot;
    root.render(node);
    return async () => {
      // Unmounting synchronously inside React's own render pass warns; wait a tick.
      await new Promise((resolve) => setTimeout(resolve, 0));
      root.unmount();
      delete container.zulinRoot;
    };
  });
}
