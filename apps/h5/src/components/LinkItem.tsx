// A list row that opens a page of its own. The row is a react-router <Link> (a real `href`) around
// antd-mobile's List.Item, not a List.Item with an onClick: a long press or "open in a new tab"
// then works as on any link, a screen reader announces a link, and the i18n crawl finds the page the
// row opens. The List.Item inside keeps the list's look (borders, arrow, the pressed background).
import { List, type ListItemProps } from 'antd-mobile';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

export type LinkItemProps = Omit<ListItemProps, 'onClick' | 'clickable' | 'arrow'> & {
  /** The page the row opens (a path of this app). */
  to: string;
  /** On the link, so that tests click the row as a person would. */
  'data-testid'?: string;
  'data-id'?: string;
  children?: ReactNode;
};

export function LinkItem({ to, 'data-testid': testId, 'data-id': dataId, arrowIcon, ...item }: LinkItemProps) {
  return (
    <Link to={to} className="link-item" data-testid={testId} data-id={dataId}>
      <List.Item {...item} arrowIcon={arrowIcon ?? true} />
    </Link>
  );
}

/**
 * A card or any block that opens a page: the same link, for rows that are not list items (a ticket's
 * card). The block inside keeps its own look.
 */
export function LinkBlock({
  to,
  'data-testid': testId,
  children,
}: {
  to: string;
  'data-testid'?: string;
  children: ReactNode;
}) {
  return (
    <Link to={to} className="link-item" data-testid={testId}>
      {children}
    </Link>
  );
}

/**
 * An action that opens a page (sign the contract, pay the bill, rate the rental): a link that looks
 * like antd-mobile's block button (its own classes on the <a>, since a <button> inside a link is not
 * allowed), so that it opens in a new tab or is crawled as any link is.
 */
export function LinkButton({
  to,
  primary = false,
  'data-testid': testId,
  children,
}: {
  to: string;
  primary?: boolean;
  'data-testid'?: string;
  children: ReactNode;
}) {
  return (
    <Link
      to={to}
      className={`adm-button adm-button-${primary ? 'primary' : 'default'} adm-button-block adm-button-shape-rounded link-button`}
      data-testid={testId}
    >
      <span>{children}</span>
    </Link>
  );
}
