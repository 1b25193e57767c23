// The contests the viewer takes part in, with their phase; evaluators create new ones here.
import type { ContestDto } from '@callsim/protocol';
import { Button, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { useSession } from '../auth/use-session.js';
import { useI18n } from '../i18n/use-i18n.js';
import { CreateContestModal } from './CreateContestModal.js';
import { formatTime, PHASE_COLORS, phaseText } from './contest-text.js';
import { contestsApi } from './contests-api.js';

export function ContestsPage() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const showError = useApiErrorToast();
  const [contests, setContests] = useState<ContestDto[] | null>(null);
  const [creating, setCreating] = useState(false);

  const reload = useCallback(() => {
    contestsApi.list().then(setContests).catch(showError);
  }, [showError]);
  useEffect(reload, [reload]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.contests')}
        </Typography.Title>
        {user && user.role !== 'trainee' && (
          <Button type="primary" data-testid="contest-create" onClick={() => setCreating(true)}>
            {t('contests.create.open')}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary">{t('contests.intro')}</Typography.Paragraph>
      <Table
        rowKey="id"
        loading={contests === null}
        dataSource={contests ?? []}
        locale={{ emptyText: t('contests.empty') }}
        onRow={(contest) => ({
          onClick: () => navigate(`/contests/${contest.id}`),
          style: { cursor: 'pointer' },
        })}
        columns={[
          {
            title: t('contests.create.name'),
            render: (_, c) => (
              <Link to={`/contests/${c.id}`} data-testid={`contest-link-${c.id}`}>
                {c.title}
              </Link>
            ),
          },
          {
            title: t('contests.phase'),
            width: 120,
            render: (_, c) => <Tag color={PHASE_COLORS[c.phase]}>{phaseText(t, c.phase)}</Tag>,
          },
          { title: t('contests.create.classes'), render: (_, c) => c.classes.map((k) => k.name).join('、') },
          { title: t('contests.entries'), dataIndex: 'entryCount', width: 90 },
          {
            title: t('contests.create.voting'),
            render: (_, c) =>
              `${formatTime(c.votingOpensAtMs, locale)} – ${formatTime(c.votingClosesAtMs, locale)}`,
          },
        ]}
      />
      <CreateContestModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(contest) => {
          setCreating(false);
          navigate(`/contests/${contest.id}`);
        }}
      />
    </Space>
  );
}
