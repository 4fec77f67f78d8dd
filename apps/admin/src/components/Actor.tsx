// Who did something (an audit entry, a unit's history): the kind in the reader's language (员工,
// 客户, 系统 …) and the staff member's name where the API gives it, the id one hover away.
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { NamedId } from './NamedId';

const ACTOR_KINDS = ['staff', 'customer', 'system', 'partner', 'anonymous'] as const;
type ActorKind = (typeof ACTOR_KINDS)[number];

function isActorKind(kind: string): kind is ActorKind {
  return (ACTOR_KINDS as readonly string[]).includes(kind);
}

export interface ActorValue {
  kind: string;
  id: string | null;
  name?: string | null;
}

/** The actor's kind in the reader's language; an unknown kind as it is. */
export function useActorKindLabel(): (kind: string) => string {
  const { t } = useTranslation();
  return (kind) => (isActorKind(kind) ? t(`identity.audit.actorKinds.${kind}`) : kind);
}

export function Actor({ actor, tag = false }: { actor: ActorValue; tag?: boolean }) {
  const kindLabel = useActorKindLabel();
  const kind = kindLabel(actor.kind);
  return (
    <Space size={4}>
      {tag ? <Tag>{kind}</Tag> : <span>{kind}</span>}
      {actor.id !== null && (
        <span className="actor-name">
          <NamedId name={actor.name ?? null} id={actor.id} />
        </span>
      )}
    </Space>
  );
}
