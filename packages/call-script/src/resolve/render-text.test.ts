// Variable rendering for display: known variables filled, unknown ones left visible.
import { describe, expect, it } from 'vitest';
import { listVariables, renderText } from '../index.js';

const vars = {
  company: { name: '现代生活网上超市', hotline: '400-820-6688' },
  agent: { id: '1024' },
  customer: { name: '王先生', facts: { orderId: '20261108-3391', items: 3 } },
};

describe('renderText', () => {
  it('fills company, agent, customer and fact variables', () => {
    expect(
      renderText(
        '您好，{company.name}，工号{agent.id}。{customer.name}，订单{customer.facts.orderId}共{customer.facts.items}件',
        vars,
      ),
    ).toEqual({
      text: '您好，现代生活网上超市，工号1024。王先生，订单20261108-3391共3件',
      unknown: [],
    });
  });

  it('leaves unknown variables visible and lists them', () => {
    expect(renderText('{customer.facts.tracking} / {agent.name} / {weather}', vars)).toEqual({
      text: '{customer.facts.tracking} / {agent.name} / {weather}',
      unknown: ['customer.facts.tracking', 'agent.name', 'weather'],
    });
  });

  it('does not read inherited object properties', () => {
    expect(renderText('{customer.facts.constructor}', vars).unknown).toEqual(['customer.facts.constructor']);
  });

  it('lists the variables of a text', () => {
    expect(listVariables('热线{company.hotline}，{ 不是变量 }')).toEqual(['company.hotline']);
  });
});
