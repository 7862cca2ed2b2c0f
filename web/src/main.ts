import './styles.css';
import { t } from './i18n.ts';
import { showBoard, showError } from './board.ts';
import { showWindowPage } from './window-page.ts';
import { showStaffBoard } from './staff-board.ts';
import { showConsole } from './console/console.ts';

const [, area, hallId, sub, id] = location.pathname.split('/').map(decodeURIComponent);
if (!hallId || (area !== 'board' && area !== 'console')) showError(new Error(t('page.badAddress')));
else if (area === 'console') void showConsole(hallId);
else if (sub === 'windows' && id) void showWindowPage(hallId, id);
else if (sub === 'staff') void showStaffBoard(hallId);
else void showBoard(hallId);
