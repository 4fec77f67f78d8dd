import { Menu, type MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { findLeaf, isParent, NAV_SECTIONS, type NavItem, type NavLeaf } from '../navigation';

type MenuItem = Required<MenuProps>['items'][number];

function leafItem(leaf: NavLeaf, t: TFunction): MenuItem {
  return { key: leaf.path, icon: leaf.icon, label: <Link to={leaf.path}>{t(`nav.${leaf.key}`)}</Link> };
}

function navItem(item: NavItem, t: TFunction): MenuItem {
  if (!isParent(item)) return leafItem(item, t);
  return {
    key: item.key,
    icon: item.icon,
    label: t(`nav.${item.key}`),
    children: item.children.map((c) => leafItem(c, t)),
  };
}

/** Sections are titled groups; in the narrow collapsed sider a title would not fit, so a line divides them. */
function menuItems(t: TFunction, collapsed: boolean): MenuItem[] {
  return NAV_SECTIONS.flatMap((section): MenuItem[] => {
    const items = section.items.map((item) => navItem(item, t));
    if (section.key === 'overview') return items;
    if (collapsed) return [{ type: 'divider', key: section.key }, ...items];
    return [{ type: 'group', key: section.key, label: t(`nav.sections.${section.key}`), children: items }];
  });
}

/** The sider navigation; menu keys are route paths, so the selection follows the URL. */
export function SiderMenu({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const current = findLeaf(pathname);
  const parentKey = current?.parent?.key;
  const [openKeys, setOpenKeys] = useState<string[]>(parentKey ? [parentKey] : []);

  // Opening a page by URL or link unfolds the submenu it belongs to.
  useEffect(() => {
    if (parentKey) setOpenKeys((keys) => (keys.includes(parentKey) ? keys : [...keys, parentKey]));
  }, [parentKey]);

  const items = useMemo(() => menuItems(t, collapsed), [t, collapsed]);
  return (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={current ? [current.leaf.path] : []}
      {...(collapsed ? {} : { openKeys, onOpenChange: setOpenKeys })}
    />
  );
}
