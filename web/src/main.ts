import './styles.css';
import { showBoard, showError } from './board.ts';
import { showWindowPage } from './window-page.ts';

const [, board, hallId, windows, windowId] = location.pathname.split('/').map(decodeURIComponent);
if (board !== 'board' || !hallId) showError(new Error('地址应为 /board/{大厅}?token=…'));
else if (windows === 'windows' && windowId) void showWindowPage(hallId, windowId);
else void showBoard(hallId);
