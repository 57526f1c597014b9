import type { ReactNode } from 'react';
import type { CasePanelProps, WebCapability } from '../types.js';
import { ChatPage } from './ChatPage.js';
import './chat.css';

/** On the case page: open the chat with this case attached as context. */
function AskAboutCase({ clinicalCase }: CasePanelProps): ReactNode {
  return (
    <p>
      <a href={`#/chat?case=${encodeURIComponent(clinicalCase.id)}`}>Ask HealthGPT about this case</a>{' '}
      <span className="muted small">(the case record goes to the chat as context)</span>
    </p>
  );
}

/** Chat: streamed answers grounded in the guideline library and the engines, with sources shown. */
export const chatWeb: WebCapability = {
  id: 'chat',
  pages: [{ path: '/chat', title: 'Chat', component: ChatPage }],
  casePanels: [{ id: 'ask', title: 'Chat about this case', component: AskAboutCase }],
};
