import { Menu, type MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useStaffMe } from '../identity-api';
import { findLeaf, isParent, NAV_SECTIONS, type NavItem, type NavLeaf } from '../navigation';

type MenuItem = Required<MenuProps>['items'][number];

function leafItem(leaf: NavLeaf, t: TFunction): MenuItem {
  return { key: leaf.path, icon: leaf.icon, label: <Link to={leaf.path}>{t(`nav.${leaf.key}`)}</Link> };
}

/** Permissions of the signed-in staff; undefined while they load, and then every page shows. */
type Allowed = ReadonlySet<string> | undefined;

function visible(leaf: NavLeaf, allowed: Allowed): boolean {
  return leaf.permission === undefined || allowed === undefined || allowed.has(leaf.permission);
}

function navItem(item: NavItem, t: TFunction, allowed: Allowed): MenuItem | null {
  if (!isParent(item)) return visible(item, allowed) ? leafItem(item, t) : null;
  const children = item.children.filter((c) => visible(c, allowed));
  if (children.length === 0) return null;
  return {
    key: item.key,
    icon: item.icon,
    label: t(`nav.${item.key}`),
    children: children.map((c) => leafItem(c, t)),
  };
}

/** Sections are titled groups; in the narrow collapsed sider a title would not fit, so a line divides them. */
function menuItems(t: TFunction, collapsed: boolean, allowed: Allowed): MenuItem[] {
  return NAV_SECTIONS.flatMap((section): MenuItem[] => {
    const items = section.items.map((item) => navItem(item, t, allowed)).filter((item) => item !== null);
    if (items.length === 0) return [];
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

  const permissions = useStaffMe().data?.permissions;
  const allowed = useMemo(() => (permissions ? new Set<string>(permissions) : undefined), [permissions]);
  const items = useMemo(() => menuItems(t, collapsed, allowed), [t, collapsed, allowed]);
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
