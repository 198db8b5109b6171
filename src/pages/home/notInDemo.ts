import Taro from '@tarojs/taro'

/** Shows the "not part of this demo" toast. Its own module so that H5 can load it on the first tap. */
export function showNotInDemoToast(title: string): Promise<unknown> {
  return Promise.resolve(Taro.showToast({ title, icon: 'none', duration: 2000 }))
}
