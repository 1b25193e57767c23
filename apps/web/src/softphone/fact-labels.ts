// Labels for the customer facts shown on the screen pop. Scenario files name facts
// with camelCase keys; known keys get a label in the UI language, others show as written.
import type { Locale } from '@callsim/protocol';

const LABELS: Record<string, [zh: string, en: string]> = {
  phone: ['电话', 'Phone'],
  timezone: ['时区', 'Time zone'],
  orderId: ['订单号', 'Order no.'],
  product: ['商品', 'Product'],
  memberLevel: ['会员等级', 'Membership'],
  amount: ['金额', 'Amount'],
  offer: ['优惠', 'Offer'],
  age: ['年龄', 'Age'],
  resolution: ['处理结果', 'Resolution'],
  ordersLast3Months: ['近3个月订单', 'Orders (3 months)'],
  deliveryFeesPaid: ['已付运费', 'Delivery fees paid'],
  regularItems: ['常购商品', 'Regular items'],
  complaintDate: ['投诉日期', 'Complaint date'],
  deliveredOn: ['送达日期', 'Delivered on'],
  deliveredAt: ['送达时间', 'Delivered'],
  browsing: ['最近浏览', 'Recently viewed'],
  address: ['地址', 'Address'],
  customerSince: ['注册时间', 'Customer since'],
  memberSince: ['入会时间', 'Member since'],
  holiday: ['节日', 'Holiday'],
  festival: ['节日', 'Festival'],
  holidayDelivery: ['节日配送', 'Holiday delivery'],
  monthlySpend: ['月均消费', 'Monthly spend'],
  compensation: ['补偿', 'Compensation'],
  birthday: ['生日', 'Birthday'],
  gift: ['礼品', 'Gift'],
  livesAlone: ['独居', 'Lives alone'],
  lastYear: ['去年', 'Last year'],
  deadline: ['截止时间', 'Deadline'],
  refund: ['退款', 'Refund'],
  goodwill: ['补偿心意', 'Goodwill'],
  price: ['价格', 'Price'],
  points: ['积分', 'Points'],
  coupon: ['优惠券', 'Coupon'],
  cartTotal: ['购物车金额', 'Cart total'],
  returnTracking: ['退货单号', 'Return tracking'],
  returnedAt: ['退货时间', 'Returned'],
  previousContacts: ['历史来电', 'Previous contacts'],
  lastOrder: ['最近订单', 'Last order'],
  promisedWindow: ['承诺送达时间', 'Promised window'],
  orderedAt: ['下单时间', 'Ordered'],
};

export function factLabel(key: string, locale: Locale): string {
  const labels = LABELS[key];
  return labels ? labels[locale === 'zh-CN' ? 0 : 1] : key;
}
