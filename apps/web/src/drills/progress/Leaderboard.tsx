// The class leaderboard: best net listen-and-type speed per trainee. Trainees who did not
// opt in appear anonymised; the switch here is the viewer's own opt-in.
import type { LeaderboardDto } from '@callsim/protocol';
import { Card, Space, Switch, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/use-i18n.js';
import { percent, perMin } from '../drill-format.js';

export interface LeaderboardProps {
  board: LeaderboardDto;
  /** The viewer's opt-in; undefined hides the switch (evaluators). */
  showMe?: boolean;
  onShowMeChange?: (show: boolean) => void;
}

export function Leaderboard({ board, showMe, onShowMeChange }: LeaderboardProps) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      title={t('drills.board.title', { className: board.className })}
      extra={
        showMe === undefined ? null : (
          <Space>
            <Typography.Text>{t('drills.board.showMe')}</Typography.Text>
            <Switch checked={showMe} onChange={onShowMeChange} data-testid="board-show-me" />
          </Space>
        )
      }
    >
      <Table
        size="small"
        rowKey="rank"
        pagination={false}
        dataSource={board.entries}
        data-testid="leaderboard"
        locale={{ emptyText: t('drills.board.empty') }}
        columns={[
          { title: t('drills.board.rank'), dataIndex: 'rank', width: 64 },
          {
            title: t('drills.board.name'),
            dataIndex: 'name',
            render: (name: string | null, entry) => (
              <Space>
                {name ?? <Typography.Text type="secondary">{t('drills.board.anonymous')}</Typography.Text>}
                {entry.isSelf ? <Tag color="blue">{t('drills.board.you')}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('drills.board.bestNet'),
            dataIndex: 'bestNetCharsPerMin',
            render: (v: number) => perMin(v),
          },
          {
            title: t('drills.board.bestAccuracy'),
            dataIndex: 'bestAccuracy',
            render: (v: number) => percent(v),
          },
          { title: t('drills.board.attempts'), dataIndex: 'attempts' },
        ]}
      />
    </Card>
  );
}
